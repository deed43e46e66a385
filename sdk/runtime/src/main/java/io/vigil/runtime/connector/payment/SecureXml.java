package io.vigil.runtime.connector.payment;

import javax.xml.stream.XMLInputFactory;

/**
 * The StAX factory for untrusted ISO 20022 files: no DTDs, no external entities, no entity
 * expansion, no coalescing of text into one large string. A file that declares a DTD is refused
 * before anything in it is expanded, so XXE and billion-laughs payloads cannot read files or grow
 * memory.
 */
final class SecureXml {
  private SecureXml() {}

  static XMLInputFactory factory() {
    // The JDK's own parser, not whichever StAX implementation the classpath brings (s3proxy brings Woodstox).
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setXMLResolver((publicId, systemId, base, namespace) -> {
      throw new javax.xml.stream.XMLStreamException("external resources are refused: " + systemId);
    });
    return f;
  }
}
