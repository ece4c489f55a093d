package dev.tollgate.filters.authn.jwks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import reactor.core.publisher.Mono;

import dev.tollgate.filters.authn.jwt.TokenFailure;

/**
 * The verification keys of every trusted issuer, fetched once per issuer and shared by all routes. A token's
 * {@code kid} that is not in the cached set triggers at most one refetch per minimum interval (see
 * {@link IssuerKeys}); a key set past its refresh time is refreshed in the background while it keeps serving; a
 * failing JWKS endpoint leaves the last good key set in use.
 */
public final class JwksCache {

	private final Map<String, IssuerKeys> issuers;

	public JwksCache(List<JwksEndpoint> endpoints, JwksFetcher fetcher, Clock clock, JwksMetrics metrics) {
		Map<String, IssuerKeys> byName = new LinkedHashMap<>();
		for (JwksEndpoint endpoint : endpoints) {
			byName.put(endpoint.issuerName(), new IssuerKeys(endpoint, fetcher, clock, metrics));
		}
		this.issuers = Map.copyOf(byName);
	}

	/**
	 * The key of {@code issuerName} for a token header: the key with this {@code kid} bound to {@code algorithm}.
	 * @return the key; or an error of {@link TokenFailure#UNKNOWN_KEY} (no such key, even after a permitted
	 * refetch), {@link TokenFailure#BAD_ALGORITHM} (the key is bound to another algorithm), or a 503
	 * {@link dev.tollgate.filters.core.DependencyFailure} when no key set could ever be fetched
	 */
	public Mono<VerificationKey> key(String issuerName, String keyId, JWSAlgorithm algorithm) {
		IssuerKeys keys = this.issuers.get(issuerName);
		if (keys == null) {
			return Mono.error(TokenFailure.UNKNOWN_ISSUER.fault());
		}
		return keys.keys().flatMap((set) -> {
			VerificationKey key = set.find(keyId, algorithm);
			if (key != null) {
				return Mono.just(key);
			}
			if (set.hasKeyId(keyId)) {
				return Mono.error(TokenFailure.BAD_ALGORITHM.fault());
			}
			return keys.keysAfterUnknownKid().flatMap((fresh) -> lookup(fresh, keyId, algorithm));
		});
	}

	private static Mono<VerificationKey> lookup(KeySet set, String keyId, JWSAlgorithm algorithm) {
		VerificationKey key = set.find(keyId, algorithm);
		if (key != null) {
			return Mono.just(key);
		}
		return Mono.error(set.hasKeyId(keyId) ? TokenFailure.BAD_ALGORITHM.fault() : TokenFailure.UNKNOWN_KEY.fault());
	}

	/** Start every due refresh in the background; called periodically. */
	public void refreshDue() {
		this.issuers.values().forEach(IssuerKeys::refreshIfDue);
	}

	/** Start every issuer's first fetch in the background, not waiting for any; called at startup. */
	public void warmUp() {
		this.issuers.values().forEach(IssuerKeys::warmUp);
	}

	/** Every issuer's key set and last failed fetch, by issuer name, for health. */
	public java.util.Map<String, KeySetHealth> health() {
		java.util.Map<String, KeySetHealth> out = new java.util.TreeMap<>();
		this.issuers.forEach((name, keys) -> out.put(name, keys.health()));
		return out;
	}

	/** The key set in use for an issuer, or {@code null}; for metrics and tests. */
	public KeySet current(String issuerName) {
		IssuerKeys keys = this.issuers.get(issuerName);
		return (keys != null) ? keys.current() : null;
	}

}
