package io.vigil.runtime.template;

/**
 * The bounds every render of a {@link TemplateEngine} stays within. A template that reaches one
 * fails its render; it never produces a truncated text.
 *
 * @param maxOutputChars most characters one render may produce, and the longest string it may build
 * @param maxRenderDepth deepest nesting of renders inside a render (macro calls included); recursive macros are refused
 * @param maxCollectionSize most items a list or map built by the template may hold, and the largest {@code range()}
 */
public record TemplateLimits(int maxOutputChars, int maxRenderDepth, int maxCollectionSize) {
  public TemplateLimits {
    positive(maxOutputChars, "maxOutputChars");
    positive(maxRenderDepth, "maxRenderDepth");
    positive(maxCollectionSize, "maxCollectionSize");
  }

  /** 64 KiB of output, a render depth of 10 and collections of 10,000 items: ample for alert texts. */
  public static TemplateLimits defaults() {
    return new TemplateLimits(64 * 1024, 10, 10_000);
  }

  public TemplateLimits withMaxOutputChars(int maxOutputChars) {
    return new TemplateLimits(maxOutputChars, maxRenderDepth, maxCollectionSize);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException("Cannot create template limits: " + name + " must be positive: " + value);
    }
  }
}
