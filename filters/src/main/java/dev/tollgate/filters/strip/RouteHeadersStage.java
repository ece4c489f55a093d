package dev.tollgate.filters.strip;

import java.util.List;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Stage;

/**
 * Stage 1, per route: removes the route's own extra headers (in any case and {@code _}/{@code -} spelling, {@code *}
 * for a prefix) before any later stage reads the request. Records no decision: it refuses nothing.
 */
final class RouteHeadersStage implements Stage {

	private final SpoofableHeaders spoofable;

	RouteHeadersStage(SpoofableHeaders spoofable) {
		this.spoofable = spoofable;
	}

	@Override
	public String name() {
		return "strip";
	}

	@Override
	public Answer<?> apply(Pass pass) {
		List<String> present = this.spoofable.presentIn(pass.exchange().getRequest().getHeaders());
		if (!present.isEmpty()) {
			pass.removeNow(present);
		}
		return Answer.passed();
	}

	@Override
	public String toString() {
		return "StripHeaders" + this.spoofable.names();
	}

}
