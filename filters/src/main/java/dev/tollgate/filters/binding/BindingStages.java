package dev.tollgate.filters.binding;

import java.util.List;

import dev.tollgate.filters.core.RoutePolicy.Binding;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Builds each authenticating route's {@link BindingStage} from the gateway-wide DPoP and mTLS setup, and the bare
 * DPoP challenge its 401 answers carry.
 */
public final class BindingStages {

	private final DpopCheck dpop;

	private final BindingRefusals refusals;

	private final DecisionRecorder recorder;

	/** @param dpop the DPoP check, or {@code null} without DPoP support (DPoP-bound tokens are then refused) */
	public BindingStages(DpopCheck dpop, DecisionRecorder recorder) {
		this.dpop = dpop;
		this.refusals = (dpop != null) ? dpop.refusals() : new BindingRefusals(List.of());
		this.recorder = recorder;
	}

	/** The route's binding stage; every authenticating route has one, {@code none} included. */
	public Stage stage(Binding binding) {
		return new BindingStage(binding, this.dpop, this.refusals, this.recorder);
	}

	/**
	 * The {@code WWW-Authenticate: DPoP algs="…"} challenge for a route's 401 answers (RFC 9449 §7.1), or
	 * {@code null} when the route does not take DPoP-bound tokens in particular.
	 */
	public String challenge(Binding binding) {
		return (this.dpop != null && (binding == Binding.DPOP || binding == Binding.ANY_BOUND))
				? this.refusals.challenge() : null;
	}

	/** The accepted DPoP proof algorithms; empty without DPoP support. */
	public List<String> dpopAlgorithms() {
		return (this.dpop != null) ? this.dpop.algorithms() : List.of();
	}

}
