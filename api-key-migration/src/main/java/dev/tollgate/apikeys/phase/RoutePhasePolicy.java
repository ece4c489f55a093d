package dev.tollgate.apikeys.phase;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a route treats API keys, whatever each key's own phase (the stricter of the two wins).
 *
 * @param phase the route's phase
 * @param deprecatedSince the date announced in {@code Deprecation} (RFC 9745) for this route, {@code null} to use
 * the key's own date
 * @param sunset when the route stops accepting keys (RFC 8594), {@code null} when not planned
 * @param brownoutWindows windows used when the effective phase is brownout; empty means the gateway-wide default
 * windows
 */
public record RoutePhasePolicy(Phase phase, Instant deprecatedSince, Instant sunset,
		List<BrownoutWindow> brownoutWindows) {

	/** Keys accepted silently; the default of a route nobody registered. */
	public static final RoutePhasePolicy ALLOW = new RoutePhasePolicy(Phase.ALLOW, null, null, List.of());

	public RoutePhasePolicy {
		Objects.requireNonNull(phase, "phase");
		brownoutWindows = List.copyOf(brownoutWindows);
	}

	public static RoutePhasePolicy of(Phase phase) {
		return new RoutePhasePolicy(phase, null, null, List.of());
	}

	public RoutePhasePolicy withSunset(Instant sunset) {
		return new RoutePhasePolicy(this.phase, this.deprecatedSince, sunset, this.brownoutWindows);
	}

	public RoutePhasePolicy withBrownoutWindows(List<BrownoutWindow> windows) {
		return new RoutePhasePolicy(this.phase, this.deprecatedSince, this.sunset, windows);
	}

}
