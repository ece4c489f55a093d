package dev.tollgate.filters.upstream.mint;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * The gateway's own token issuer ({@code tollgate.minting.*}), which mints short-lived, audience-bound JWTs for
 * upstreams (for API-key callers, and for bearer callers on routes without a token exchange).
 *
 * @param issuer Value of {@code iss} in minted tokens; set it to the gateway's public URL, which upstreams trust.
 * @param signingKeys A JWK set with private keys to sign with (the first key signs; all are published). Unset: keys
 * are generated in memory and rotated every {@code rotation-interval}; with several gateway instances, set this so
 * every instance signs with, and publishes, the same keys.
 * @param algorithm Algorithm of generated keys: ES256 (default), RS256, or EdDSA (Ed25519: the fastest to sign, for
 * gateways that mint for many distinct callers; the upstreams must verify Ed25519 signatures).
 * @param ttl Lifetime of a minted token. Short: upstreams cannot revoke it.
 * @param rotationInterval How often generated signing keys rotate; the old key stays published until its tokens have
 * expired.
 * @param refreshMargin A cached minted token is replaced this long before it expires, so upstreams never get a nearly
 * dead token.
 * @param cacheMaxSize Most minted tokens kept in the per-(caller, route) cache.
 */
@ConfigurationProperties("tollgate.minting")
public record MintingProperties(@DefaultValue("https://tollgate.local") String issuer, Resource signingKeys,
		@DefaultValue("ES256") String algorithm, @DefaultValue("5m") Duration ttl,
		@DefaultValue("24h") Duration rotationInterval, @DefaultValue("30s") Duration refreshMargin,
		@DefaultValue("100000") long cacheMaxSize) {

	/** Adds every problem of these settings; checked at startup, before the minter is built. */
	public void validate(ConfigurationProblems problems) {
		String prefix = "tollgate.minting.";
		if (this.issuer == null || this.issuer.isBlank()) {
			problems.add(prefix + "issuer", "must not be empty");
		}
		if (!List.of("RS256", "ES256", "EdDSA").contains(this.algorithm)) {
			problems.add(prefix + "algorithm", "must be RS256, ES256 or EdDSA, was '" + this.algorithm + "'");
		}
		if (this.ttl == null || this.ttl.isNegative() || this.ttl.isZero()
				|| (this.refreshMargin != null && this.refreshMargin.compareTo(this.ttl) >= 0)) {
			problems.add(prefix + "ttl", "must be positive and longer than tollgate.minting.refresh-margin");
		}
		if (this.ttl != null && (this.rotationInterval == null || this.rotationInterval.compareTo(this.ttl) <= 0)) {
			problems.add(prefix + "rotation-interval", "must be longer than the ttl");
		}
	}

}
