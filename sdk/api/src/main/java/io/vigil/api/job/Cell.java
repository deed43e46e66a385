package io.vigil.api.job;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a public method of a {@link Job} as a cell. Cells run in ascending order. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cell {
  /** Position of the cell; unique within the job. */
  int value();

  /** Title shown in logs; the method name when empty. */
  String title() default "";
}
