package dev.tollgate.apikeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.phase.PhaseHeaders;
import dev.tollgate.apikeys.phase.PhaseVerdict;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.phase.RoutePhasePolicy;

/**
 * Combines a key's phase with its route's: the stricter wins, a passed sunset (the earlier of the two) means reject,
 * and brownout refuses only inside a window. Every phase but allow adds {@code Deprecation} (RFC 9745),
 * {@code Sunset} (RFC 8594) when a date is set, and {@code Link: <guide>; rel="deprecation"}, to acceptances and
 * refusals alike.
 */
public final class PhaseResolver {

	private final RoutePhasePolicies policies;

	private final String migrationGuide;

	/** @param migrationGuide URL of the guide to moving to OAuth, {@code null} for no {@code Link} header */
	public PhaseResolver(RoutePhasePolicies policies, String migrationGuide) {
		this.policies = policies;
		this.migrationGuide = migrationGuide;
	}

	public PhaseVerdict resolve(ApiKeyRecord key, String routeId, Instant now) {
		RoutePhasePolicy route = this.policies.get(routeId);
		Phase phase = key.phase().stricter(route.phase());
		Instant sunset = earlier(key.sunset(), route.sunset());
		PhaseVerdict.Refusal refusal = null;
		if (sunset != null && !now.isBefore(sunset)) {
			phase = Phase.REJECT;
			refusal = PhaseVerdict.Refusal.SUNSET;
		}
		else if (phase == Phase.REJECT) {
			refusal = PhaseVerdict.Refusal.RETIRED;
		}
		else if (phase == Phase.BROWNOUT && inWindow(route, now)) {
			refusal = PhaseVerdict.Refusal.BROWNOUT;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		if (phase != Phase.ALLOW) {
			headers.put(PhaseHeaders.DEPRECATION, PhaseHeaders.deprecation(deprecatedSince(key, route)));
			if (sunset != null) {
				headers.put(PhaseHeaders.SUNSET, PhaseHeaders.sunset(sunset));
			}
			if (this.migrationGuide != null) {
				headers.put(PhaseHeaders.LINK, PhaseHeaders.link(this.migrationGuide));
			}
		}
		return new PhaseVerdict(phase, refusal, headers);
	}

	private boolean inWindow(RoutePhasePolicy route, Instant now) {
		return this.policies.windowsFor(route).stream().anyMatch(w -> w.contains(now));
	}

	/** The earliest date either side announced; a key with no phase of its own dates from its creation. */
	private static Instant deprecatedSince(ApiKeyRecord key, RoutePhasePolicy route) {
		Instant keySince = (key.phase() != Phase.ALLOW) ? key.phaseSince() : null;
		Instant routeSince = (route.phase() != Phase.ALLOW) ? route.deprecatedSince() : null;
		Instant since = earlier(keySince, routeSince);
		return (since != null) ? since : key.created();
	}

	private static Instant earlier(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

}
