package dev.tollgate.filters.policy;

/**
 * A request's policy decision, left in the exchange ({@link #ATTRIBUTE}) for the audit event.
 *
 * @param policy the policy's name
 * @param mode {@code enforce} or {@code shadow}
 * @param result {@code allow}, {@code deny} or {@code error}
 * @param cause the bounded cause ({@link PolicyVerdict#cause()})
 */
public record PolicyOutcome(String policy, String mode, String result, String cause) {

	/** Exchange attribute holding the outcome. */
	public static final String ATTRIBUTE = "tollgate.policyOutcome";

}
