package dev.tollgate.devauth;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One client registered at the {@link DevAuthorizationServer}: an immutable value made with {@link #withId(String)}.
 */
public final class DevClient {

	/** Grant types a dev client may use. */
	public enum GrantType {
		/** RFC 6749 §4.4. */
		CLIENT_CREDENTIALS,
		/** RFC 8693, {@code urn:ietf:params:oauth:grant-type:token-exchange}. */
		TOKEN_EXCHANGE
	}

	/** JWS algorithm of the access tokens issued to this client. */
	public enum SigningAlgorithm {
		RS256, ES256
	}

	/** Access-token format: a self-contained JWT (RFC 9068) or an opaque reference token (RFC 7662 introspection). */
	public enum TokenFormat {
		JWT, REFERENCE
	}

	private final String clientId;
	private final String secret;
	private final Set<GrantType> grantTypes;
	private final Set<String> scopes;
	private final String defaultAudience;
	private final SigningAlgorithm algorithm;
	private final TokenFormat tokenFormat;
	private final Duration tokenTtl;
	private final String jwkSetUrl;
	private final String assertionAlgorithm;

	private DevClient(Builder b) {
		this.clientId = b.clientId;
		this.secret = b.secret;
		this.grantTypes = Set.copyOf(b.grantTypes);
		this.scopes = Set.copyOf(b.scopes);
		this.defaultAudience = b.defaultAudience;
		this.algorithm = b.algorithm;
		this.tokenFormat = b.tokenFormat;
		this.tokenTtl = b.tokenTtl;
		this.jwkSetUrl = b.jwkSetUrl;
		this.assertionAlgorithm = b.assertionAlgorithm;
	}

	/**
	 * Starts a client with defaults: secret {@code secret}, client credentials only, RS256 JWTs, 5 minute tokens,
	 * default audience equal to the client id.
	 */
	public static Builder withId(String clientId) {
		return new Builder(clientId);
	}

	public String clientId() {
		return this.clientId;
	}

	public String secret() {
		return this.secret;
	}

	public Set<GrantType> grantTypes() {
		return this.grantTypes;
	}

	public Set<String> scopes() {
		return this.scopes;
	}

	/** Audience used when a token request names neither {@code resource} nor {@code audience}. */
	public String defaultAudience() {
		return this.defaultAudience;
	}

	public SigningAlgorithm algorithm() {
		return this.algorithm;
	}

	public TokenFormat tokenFormat() {
		return this.tokenFormat;
	}

	public Duration tokenTtl() {
		return this.tokenTtl;
	}

	/**
	 * Where this client's public keys are, when it authenticates with {@code private_key_jwt} (RFC 7523), else
	 * {@code null}.
	 */
	public String jwkSetUrl() {
		return this.jwkSetUrl;
	}

	/** JWS algorithm of this client's assertions (e.g. {@code ES256}), when it uses {@code private_key_jwt}. */
	public String assertionAlgorithm() {
		return this.assertionAlgorithm;
	}

	@Override
	public String toString() {
		// The secret is deliberately left out.
		return "DevClient[" + this.clientId + ", " + this.grantTypes + ", " + this.algorithm + ", " + this.tokenFormat
				+ "]";
	}

	/** Builder of {@link DevClient}. */
	public static final class Builder {

		private final String clientId;
		private String secret = "secret";
		private Set<GrantType> grantTypes = EnumSet.of(GrantType.CLIENT_CREDENTIALS);
		private Set<String> scopes = new LinkedHashSet<>();
		private String defaultAudience;
		private SigningAlgorithm algorithm = SigningAlgorithm.RS256;
		private TokenFormat tokenFormat = TokenFormat.JWT;
		private Duration tokenTtl = Duration.ofMinutes(5);
		private String jwkSetUrl;
		private String assertionAlgorithm;

		private Builder(String clientId) {
			if (clientId == null || clientId.isBlank()) {
				throw new IllegalArgumentException("clientId must not be blank");
			}
			this.clientId = clientId;
			this.defaultAudience = clientId;
		}

		public Builder secret(String secret) {
			this.secret = Objects.requireNonNull(secret, "secret");
			return this;
		}

		public Builder grantTypes(GrantType first, GrantType... more) {
			this.grantTypes = EnumSet.of(first, more);
			return this;
		}

		public Builder scopes(String... scopes) {
			this.scopes = new LinkedHashSet<>(Arrays.asList(scopes));
			return this;
		}

		public Builder scopes(Set<String> scopes) {
			this.scopes = new LinkedHashSet<>(scopes);
			return this;
		}

		public Builder defaultAudience(String audience) {
			this.defaultAudience = Objects.requireNonNull(audience, "audience");
			return this;
		}

		public Builder algorithm(SigningAlgorithm algorithm) {
			this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
			return this;
		}

		public Builder tokenFormat(TokenFormat tokenFormat) {
			this.tokenFormat = Objects.requireNonNull(tokenFormat, "tokenFormat");
			return this;
		}

		public Builder tokenTtl(Duration ttl) {
			if (ttl == null || ttl.isNegative() || ttl.isZero()) {
				throw new IllegalArgumentException("tokenTtl must be positive");
			}
			this.tokenTtl = ttl;
			return this;
		}

		/**
		 * Also accept {@code private_key_jwt} client authentication (RFC 7523 §2.2) with assertions signed by a key
		 * published at {@code jwkSetUrl} using {@code algorithm} (e.g. {@code ES256}, {@code RS256}).
		 */
		public Builder privateKeyJwt(String jwkSetUrl, String algorithm) {
			this.jwkSetUrl = Objects.requireNonNull(jwkSetUrl, "jwkSetUrl");
			this.assertionAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
			return this;
		}

		public DevClient build() {
			return new DevClient(this);
		}

	}

}
