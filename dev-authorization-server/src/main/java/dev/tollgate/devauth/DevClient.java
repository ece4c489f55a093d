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
	private final String clientJwksUri;
	private final SigningAlgorithm clientAssertionAlgorithm;
	private final Set<GrantType> grantTypes;
	private final Set<String> scopes;
	private final String defaultAudience;
	private final SigningAlgorithm algorithm;
	private final TokenFormat tokenFormat;
	private final Duration tokenTtl;
	private final String certificateThumbprint;

	private DevClient(Builder b) {
		this.clientId = b.clientId;
		this.secret = b.secret;
		this.clientJwksUri = b.clientJwksUri;
		this.clientAssertionAlgorithm = b.clientAssertionAlgorithm;
		this.grantTypes = Set.copyOf(b.grantTypes);
		this.scopes = Set.copyOf(b.scopes);
		this.defaultAudience = b.defaultAudience;
		this.algorithm = b.algorithm;
		this.tokenFormat = b.tokenFormat;
		this.tokenTtl = b.tokenTtl;
		this.certificateThumbprint = b.certificateThumbprint;
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

	/**
	 * For {@code private_key_jwt} clients (RFC 7523 §2.2, OIDC Core §9): the URI of the JWK set their client
	 * assertions are verified with; {@code null} for clients authenticating with their secret.
	 */
	public String clientJwksUri() {
		return this.clientJwksUri;
	}

	/** Algorithm of this client's {@code private_key_jwt} assertions. */
	public SigningAlgorithm clientAssertionAlgorithm() {
		return this.clientAssertionAlgorithm;
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
	 * The {@code x5t#S256} (RFC 8705 §3.1) of the client certificate this client's access tokens are bound to, or
	 * {@code null}. Stands in for {@code tls_client_auth}, which needs the server itself to terminate mutual TLS:
	 * the token then carries {@code cnf.x5t#S256} as if the client had authenticated with that certificate.
	 */
	public String certificateThumbprint() {
		return this.certificateThumbprint;
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
		private String clientJwksUri;
		private SigningAlgorithm clientAssertionAlgorithm = SigningAlgorithm.RS256;
		private Set<GrantType> grantTypes = EnumSet.of(GrantType.CLIENT_CREDENTIALS);
		private Set<String> scopes = new LinkedHashSet<>();
		private String defaultAudience;
		private SigningAlgorithm algorithm = SigningAlgorithm.RS256;
		private TokenFormat tokenFormat = TokenFormat.JWT;
		private Duration tokenTtl = Duration.ofMinutes(5);
		private String certificateThumbprint;

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

		/**
		 * Authenticates this client with {@code private_key_jwt} instead of its secret: client assertions signed
		 * with {@code algorithm} by a key published at {@code jwksUri}.
		 */
		public Builder privateKeyJwt(String jwksUri, SigningAlgorithm algorithm) {
			this.clientJwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
			this.clientAssertionAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
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

		/** Binds this client's access tokens to a client certificate (see {@link DevClient#certificateThumbprint}). */
		public Builder certificateThumbprint(String x5tS256) {
			this.certificateThumbprint = x5tS256;
			return this;
		}

		public DevClient build() {
			return new DevClient(this);
		}

	}

}
