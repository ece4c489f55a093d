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

	/**
	 * From configuration strings, e.g. a route's {@code api-keys} block: {@code phase} ({@code allow}, {@code warn},
	 * {@code brownout}, {@code reject}), {@code sunset} (ISO-8601 instant or {@code null}) and brownout windows
	 * ({@link BrownoutWindow#parse}).
	 * @throws IllegalArgumentException naming the malformed value
	 */
	public static RoutePhasePolicy parse(String phase, String sunset, List<String> brownoutWindows) {
		Instant sunsetAt;
		try {
			sunsetAt = (sunset == null || sunset.isBlank()) ? null : Instant.parse(sunset);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("sunset must be an ISO-8601 instant, got '" + sunset + "'");
		}
		List<BrownoutWindow> windows = (brownoutWindows != null)
				? brownoutWindows.stream().map(BrownoutWindow::parse).toList() : List.of();
		return new RoutePhasePolicy(Phase.parse((phase != null) ? phase : "allow"), null, sunsetAt, windows);
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
