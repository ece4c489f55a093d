package dev.tollgate.filters.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;

import dev.tollgate.filters.binding.decision.BindingFailure;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.errors.WwwAuthenticate;

/**
 * Turns a {@link BindingFailure} into the 401 the caller sees: {@code invalid_token} in the Bearer challenge and,
 * where DPoP is concerned, a DPoP challenge naming {@code invalid_dpop_proof}, {@code use_dpop_nonce} or
 * {@code invalid_token} (RFC 9449 §7.1, §8), with the {@code algs} the gateway accepts.
 */
final class BindingRefusals {

	private final List<String> algorithms;

	/** @param algorithms accepted DPoP proof algorithms; empty when DPoP is not set up */
	BindingRefusals(List<String> algorithms) {
		this.algorithms = List.copyOf(algorithms);
	}

	/** The route's bare DPoP challenge. */
	String challenge() {
		return WwwAuthenticate.dpop(this.algorithms, null, null);
	}

	CallerFault refuse(BindingFailure failure, boolean dpopRoute) {
		return refuse(failure, dpopRoute, null);
	}

	/** @param nonce a fresh {@code DPoP-Nonce} to hand the caller, or {@code null} */
	CallerFault refuse(BindingFailure failure, boolean dpopRoute, String nonce) {
		Map<String, String> headers = new LinkedHashMap<>(2);
		if (dpopRoute || concernsDpop(failure)) {
			String error = (failure == BindingFailure.NONCE_REQUIRED) ? "use_dpop_nonce"
					: failure.proofFault() ? "invalid_dpop_proof" : "invalid_token";
			headers.put(HttpHeaders.WWW_AUTHENTICATE,
					WwwAuthenticate.dpop(this.algorithms, error, failure.description()));
		}
		if (nonce != null) {
			headers.put("DPoP-Nonce", nonce);
		}
		return CallerFault.invalidToken(failure.reason(), failure.description(), headers);
	}

	private static boolean concernsDpop(BindingFailure failure) {
		return failure.proofFault() || failure == BindingFailure.MISSING_PROOF
				|| failure == BindingFailure.JKT_MISMATCH || failure == BindingFailure.NOT_DPOP_BOUND;
	}

}
