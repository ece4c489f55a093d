package dev.tollgate.filters.core;

/**
 * A request's policy decision, left in the exchange ({@link #ATTRIBUTE}) by the policy stage for the audit event.
 *
 * @param policy the policy's name
 * @param mode {@code enforce} or {@code shadow}
 * @param result {@code allow}, {@code deny} or {@code error}
 * @param cause the bounded cause: {@code true}, {@code false}, {@code missing_attribute}, {@code cost_exceeded},
 * {@code evaluation_error}
 */
public record PolicyOutcome(String policy, String mode, String result, String cause) {

	/** Exchange attribute holding the outcome. */
	public static final String ATTRIBUTE = "tollgate.policyOutcome";

}
