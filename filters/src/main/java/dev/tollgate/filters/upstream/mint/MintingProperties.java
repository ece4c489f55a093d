package dev.tollgate.filters.upstream.mint;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * The gateway's own token issuer ({@code tollgate.minting.*}), which mints short-lived, audience-bound JWTs for
 * upstreams (for API-key callers, and for bearer callers on routes without a token exchange).
 */
@ConfigurationProperties("tollgate.minting")
public class MintingProperties {

	/** Value of {@code iss} in minted tokens; set it to the gateway's public URL, which upstreams trust. */
	private String issuer = "https://tollgate.local";

	/**
	 * A JWK set with private keys to sign with (the first key signs; all are published). Unset: keys are generated in
	 * memory and rotated every {@code rotation-interval}; with several gateway instances, set this so every instance
	 * signs with, and publishes, the same keys.
	 */
	private Resource signingKeys;

	/** Algorithm of generated keys: ES256 (default, cheap to sign) or RS256. */
	private String algorithm = "ES256";

	/** Lifetime of a minted token. Short: upstreams cannot revoke it. */
	private Duration ttl = Duration.ofMinutes(5);

	/** How often generated signing keys rotate; the old key stays published until its tokens have expired. */
	private Duration rotationInterval = Duration.ofHours(24);

	/** A cached minted token is replaced this long before it expires, so upstreams never get a nearly dead token. */
	private Duration refreshMargin = Duration.ofSeconds(30);

	/** Most minted tokens kept in the per-(caller, route) cache. */
	private long cacheMaxSize = 100_000;

	public String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(String issuer) {
		this.issuer = issuer;
	}

	public Resource getSigningKeys() {
		return this.signingKeys;
	}

	public void setSigningKeys(Resource signingKeys) {
		this.signingKeys = signingKeys;
	}

	public String getAlgorithm() {
		return this.algorithm;
	}

	public void setAlgorithm(String algorithm) {
		this.algorithm = algorithm;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public Duration getRotationInterval() {
		return this.rotationInterval;
	}

	public void setRotationInterval(Duration rotationInterval) {
		this.rotationInterval = rotationInterval;
	}

	public Duration getRefreshMargin() {
		return this.refreshMargin;
	}

	public void setRefreshMargin(Duration refreshMargin) {
		this.refreshMargin = refreshMargin;
	}

	public long getCacheMaxSize() {
		return this.cacheMaxSize;
	}

	public void setCacheMaxSize(long cacheMaxSize) {
		this.cacheMaxSize = cacheMaxSize;
	}

	/** Adds every problem of these settings; checked at startup, before the minter is built. */
	public void validate(ConfigurationProblems problems) {
		String prefix = "tollgate.minting.";
		if (this.issuer == null || this.issuer.isBlank()) {
			problems.add(prefix + "issuer", "must not be empty");
		}
		if (!"ES256".equals(this.algorithm) && !"RS256".equals(this.algorithm)) {
			problems.add(prefix + "algorithm", "must be ES256 or RS256, was '" + this.algorithm + "'");
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
