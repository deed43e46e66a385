package io.vigil.api.risk;

/**
 * What the Investigation Center shows to explain an alert raised by a condition (S1 §7.4.4,
 * §7.6.5). The {@code type} key selects the variant; the guide writes {@code "Rating"} and
 * {@code "Threshold"} and any capitalisation is accepted. There is no default type.
 */
public sealed interface DisplaySetting permits RatingDisplay, ThresholdDisplay {}
