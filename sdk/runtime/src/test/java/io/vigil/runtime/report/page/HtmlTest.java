package io.vigil.runtime.report.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class HtmlTest {
  @Test
  void markupIsEscapedAndCharactersXmlForbidsAreReplacedSoThePageStillParses() throws Exception {
    String hostile = "<b>\"Ann\" & 'Bo'</b>\u0000\u0007\u001b[31m \uD800 lone, \uD83D\uDE00 pair, tab\there";
    String escaped = Html.escape(hostile);
    assertThat(escaped).isEqualTo("&lt;b&gt;&quot;Ann&quot; &amp; &#39;Bo&#39;&lt;/b&gt;\uFFFD\uFFFD\uFFFD[31m \uFFFD lone,"
        + " \uD83D\uDE00 pair, tab\there");
    String page = "<p title=\"" + escaped + "\">" + escaped + "</p>";
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(page)));
    assertThat(doc.getDocumentElement().getTextContent()).startsWith("<b>\"Ann\" & 'Bo'</b>");
    assertThat(Html.escape(null)).isEmpty();
    assertThat(Html.xmlSafe("plain")).isEqualTo("plain");
  }
}
