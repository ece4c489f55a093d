package dev.tollgate.filters.binding.dpop;

import dev.tollgate.filters.binding.decision.BindingFailure;

/** A DPoP proof that fails a check of RFC 9449 §4.3; carries no proof material. */
public final class DpopProofException extends Exception {

	private final BindingFailure failure;

	public DpopProofException(BindingFailure failure) {
		super(failure.reason(), null, false, false);
		this.failure = failure;
	}

	public BindingFailure failure() {
		return this.failure;
	}

}
