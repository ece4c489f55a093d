package dev.tollgate.filters.binding;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.tollgate.filters.binding.decision.BindingFailure;
import dev.tollgate.filters.binding.dpop.DpopNonces;
import dev.tollgate.filters.binding.dpop.DpopProofException;
import dev.tollgate.filters.binding.dpop.DpopProofVerifier;
import dev.tollgate.filters.binding.dpop.HttpTargetUri;
import dev.tollgate.filters.binding.dpop.ProofReplayCache;
import dev.tollgate.filters.binding.dpop.ReplayFailurePolicy;
import dev.tollgate.filters.binding.dpop.ReplayKeys;
import dev.tollgate.filters.binding.dpop.VerifiedProof;
import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * The DPoP half of the binding stage: the request's one proof verified ({@link DpopProofVerifier}), then its
 * {@code jti} recorded in the shared replay cache in one round trip; decided now when the cache answers at once
 * (in memory). While the cache cannot answer, the failure policy decides: {@code deny} (503) by default.
 */
public final class DpopCheck {

	private static final Logger log = LoggerFactory.getLogger(DpopCheck.class);

	/** The proof header (RFC 9449 §4.1). */
	public static final String HEADER = "DPoP";

	private final DpopProofVerifier verifier;

	private final ProofReplayCache replay;

	private final ReplayFailurePolicy onStoreFailure;

	private final PublicBaseUrl base;

	private final DpopNonces nonces;

	private final BindingRefusals refusals;

	/**
	 * @param base the gateway's public base URL, the only origin {@code htu} is compared with; {@code null}: every
	 * proof fails {@code htu}
	 * @param nonces server nonces (RFC 9449 §8), or {@code null} when none are required
	 */
	public DpopCheck(DpopProofVerifier verifier, ProofReplayCache replay, ReplayFailurePolicy onStoreFailure,
			PublicBaseUrl base, DpopNonces nonces) {
		this.verifier = verifier;
		this.replay = replay;
		this.onStoreFailure = onStoreFailure;
		this.base = base;
		this.nonces = nonces;
		this.refusals = new BindingRefusals(verifier.algorithms());
	}

	public List<String> algorithms() {
		return this.verifier.algorithms();
	}

	BindingRefusals refusals() {
		return this.refusals;
	}

	/** Verify the request's proof for {@code token}, bound to {@code jkt}; refusals are thrown. */
	Answer<Object> check(Pass pass, String token, String jkt, DecisionRecorder recorder) {
		ServerHttpRequest request = pass.exchange().getRequest();
		List<String> proofs = request.getHeaders().get(HEADER);
		if (proofs == null || proofs.isEmpty()) {
			throw this.refusals.refuse(BindingFailure.MISSING_PROOF, true);
		}
		if (proofs.size() > 1) {
			throw this.refusals.refuse(BindingFailure.MULTIPLE_PROOFS, true);
		}
		String expectedHtu = (this.base != null)
				? HttpTargetUri.normalize(this.base.resolve(request.getURI().getRawPath())) : null;
		VerifiedProof proof;
		try {
			proof = this.verifier.verify(proofs.get(0), request.getMethod().name(), expectedHtu, token, jkt,
					this.nonces);
		}
		catch (DpopProofException ex) {
			String fresh = (this.nonces != null) ? this.nonces.current() : null;
			throw this.refusals.refuse(ex.failure(), true,
					(ex.failure() == BindingFailure.NONCE_REQUIRED) ? fresh : null);
		}
		if (this.nonces != null) {
			pass.responseHeadersBeforeCommit(Map.of("DPoP-Nonce", this.nonces.current()));
		}
		CompletionStage<Boolean> first;
		try {
			first = this.replay.firstUse(ReplayKeys.of(proof), this.verifier.replayWindow());
		}
		catch (RuntimeException ex) {
			first = CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<Boolean> future = first.toCompletableFuture();
		if (future.isDone() && !future.isCompletedExceptionally()) {
			return Answer.now(decide(pass, future.join(), recorder));
		}
		return Answer.later(Mono.fromFuture(future)
			.map((isFirst) -> decide(pass, isFirst, recorder))
			.onErrorResume((ex) -> !(ex instanceof Rejection),
					(ex) -> storeFailed(pass, ex, recorder)));
	}

	private Object decide(Pass pass, boolean firstUse, DecisionRecorder recorder) {
		if (!firstUse) {
			throw this.refusals.refuse(BindingFailure.REPLAYED_PROOF, true);
		}
		recorder.record(pass.exchange(), pass.routeId(), BindingStage.STAGE, "allowed", "dpop");
		return Boolean.TRUE;
	}

	private Mono<Object> storeFailed(Pass pass, Throwable ex, DecisionRecorder recorder) {
		log.atWarn()
			.addKeyValue("route", pass.routeId())
			.addKeyValue("policy", this.onStoreFailure.name().toLowerCase(Locale.ROOT))
			.addKeyValue("error", ex.getClass().getSimpleName())
			.log("DPoP replay cache unavailable");
		if (this.onStoreFailure == ReplayFailurePolicy.ALLOW) {
			recorder.record(pass.exchange(), pass.routeId(), BindingStage.STAGE, "fallback",
					"replay_store_unavailable");
			return Mono.just(Boolean.TRUE);
		}
		return Mono.error(new DependencyFailure("redis", "replay_store_unavailable", Duration.ofSeconds(1)));
	}

}
