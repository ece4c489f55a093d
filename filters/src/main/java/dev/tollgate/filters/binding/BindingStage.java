package dev.tollgate.filters.binding;

import java.security.cert.X509Certificate;

import dev.tollgate.filters.binding.decision.BindingFailure;
import dev.tollgate.filters.binding.mtls.CertificateThumbprint;
import dev.tollgate.filters.binding.mtls.ClientCertificates;
import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Confirmation;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy.Binding;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Runs right after authenticate: the token must be used the way its {@code cnf} binds it, and as the route's
 * {@code binding} demands.
 * <ul>
 * <li>A DPoP-bound token ({@code cnf.jkt}) needs {@code Authorization: DPoP} and a valid proof of its key
 * (RFC 9449 §7.1); sent as {@code Bearer} it is refused, on every route, whatever its binding setting.</li>
 * <li>A certificate-bound token ({@code cnf.x5t#S256}) needs the client certificate it names (RFC 8705 §3).</li>
 * <li>On a route with {@code binding} other than {@code none}, unbound tokens and bindings the route does not take
 * are refused.</li>
 * </ul>
 * The {@code DPoP} header is removed from the request in every case. Every decision is a metric and a log line
 * under stage {@code binding}.
 */
public final class BindingStage implements Stage {

	/** The stage name in decisions, metrics and logs. */
	public static final String STAGE = "binding";

	private final Binding binding;

	private final DpopCheck dpop;

	private final BindingRefusals refusals;

	private final DecisionRecorder recorder;

	private final boolean dpopRoute;

	/** @param dpop the DPoP check, or {@code null} when DPoP is not set up (DPoP-bound tokens are then refused) */
	BindingStage(Binding binding, DpopCheck dpop, BindingRefusals refusals, DecisionRecorder recorder) {
		this.binding = binding;
		this.dpop = dpop;
		this.refusals = refusals;
		this.recorder = recorder;
		this.dpopRoute = binding == Binding.DPOP || binding == Binding.ANY_BOUND;
	}

	@Override
	public String name() {
		return STAGE;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		if (pass.exchange().getRequest().getHeaders().containsHeader(DpopCheck.HEADER)) {
			pass.removeHeader(DpopCheck.HEADER);
		}
		CallerIdentity caller = pass.caller();
		InboundCredential credential = pass.credential();
		if (caller == null || credential == null) {
			throw CallerFault.missingCredential();
		}
		Confirmation cnf = caller.confirmation();
		if (caller.kind() == CredentialKind.API_KEY) {
			// Startup refuses binding on routes that accept keys; this is the second line.
			return unbound(pass);
		}
		if (credential.dpopScheme()) {
			if (cnf.jkt() == null) {
				throw refuse(BindingFailure.NOT_DPOP_BOUND);
			}
			if (!this.binding.acceptsDpop()) {
				throw refuse(BindingFailure.BINDING_NOT_ACCEPTED);
			}
			if (this.dpop == null) {
				throw refuse(BindingFailure.UNSUPPORTED_BINDING);
			}
			return this.dpop.check(pass, credential.value(), cnf.jkt(), this.recorder);
		}
		if (cnf.jkt() != null) {
			// RFC 9449 §7.1: a DPoP-bound token is never accepted as a bearer token (no downgrade).
			throw refuse(BindingFailure.MISSING_PROOF);
		}
		if (cnf.x5tS256() != null) {
			return certificate(pass, cnf.x5tS256());
		}
		if (cnf.unknownMembers()) {
			throw refuse(BindingFailure.UNSUPPORTED_BINDING);
		}
		return unbound(pass);
	}

	private Answer<?> certificate(Pass pass, String x5t) {
		if (!this.binding.acceptsMtls()) {
			throw refuse(BindingFailure.BINDING_NOT_ACCEPTED);
		}
		X509Certificate certificate = ClientCertificates.of(pass.exchange());
		if (certificate == null) {
			throw refuse(BindingFailure.MISSING_CERTIFICATE);
		}
		if (!CertificateThumbprint.of(certificate).equals(x5t)) {
			throw refuse(BindingFailure.CERT_MISMATCH);
		}
		this.recorder.record(pass.exchange(), pass.routeId(), STAGE, "allowed", "mtls");
		return Answer.passed();
	}

	private Answer<?> unbound(Pass pass) {
		if (this.binding.requiresBinding()) {
			throw refuse(BindingFailure.UNBOUND_TOKEN);
		}
		this.recorder.record(pass.exchange(), pass.routeId(), STAGE, "allowed", "unbound");
		return Answer.passed();
	}

	private CallerFault refuse(BindingFailure failure) {
		return this.refusals.refuse(failure, this.dpopRoute);
	}

	@Override
	public String toString() {
		return "BindingStage[" + this.binding + "]";
	}

}
