package dev.tollgate.filters.authn.jwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of one or more validators: every failure found, in the order the validators ran, so logs show the
 * whole picture while the caller sees one fixed answer.
 */
public final class ValidationResult {

	private static final ValidationResult SUCCESS = new ValidationResult(List.of());

	private final List<TokenFailure> failures;

	private ValidationResult(List<TokenFailure> failures) {
		this.failures = failures;
	}

	public static ValidationResult success() {
		return SUCCESS;
	}

	public static ValidationResult failure(TokenFailure failure) {
		return new ValidationResult(List.of(failure));
	}

	/** This result followed by {@code other}'s failures, without duplicates. */
	public ValidationResult and(ValidationResult other) {
		if (other.failures.isEmpty()) {
			return this;
		}
		if (this.failures.isEmpty()) {
			return other;
		}
		List<TokenFailure> merged = new ArrayList<>(this.failures);
		for (TokenFailure failure : other.failures) {
			if (!merged.contains(failure)) {
				merged.add(failure);
			}
		}
		return new ValidationResult(Collections.unmodifiableList(merged));
	}

	public boolean isValid() {
		return this.failures.isEmpty();
	}

	/** Every failure found, in order; empty when valid. */
	public List<TokenFailure> failures() {
		return this.failures;
	}

	/** The first failure found; the one reported as the rejection reason. */
	public TokenFailure primary() {
		if (this.failures.isEmpty()) {
			throw new IllegalStateException("valid result has no failure");
		}
		return this.failures.get(0);
	}

	/** Comma-separated tags, for a debug log line. */
	public String tags() {
		StringBuilder sb = new StringBuilder();
		for (TokenFailure failure : this.failures) {
			sb.append((sb.length() == 0) ? "" : ",").append(failure.tag());
		}
		return sb.toString();
	}

	@Override
	public String toString() {
		return "ValidationResult[" + tags() + "]";
	}

}
