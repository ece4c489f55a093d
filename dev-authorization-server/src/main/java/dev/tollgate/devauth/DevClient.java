package dev.tollgate.devauth;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One client registered at the {@link DevAuthorizationServer}: an immutable value made with {@link #withId(String)}.
 *
 * <p>
 * A client authenticates with its secret (default), with {@code private_key_jwt} ({@link Builder#privateKeyJwt}),
 * or with mutual TLS (RFC 8705 §2): {@link Builder#tlsClientAuth} for a certificate from a CA the server trusts,
 * {@link Builder#selfSignedTlsClientAuth} for a self-signed one. A mutual-TLS client gets certificate-bound access
 * tokens (RFC 8705 §3): Spring Authorization Server puts the SHA-256 thumbprint of the certificate the client
 * presented into {@code cnf.x5t#S256}. Mutual TLS needs {@link DevAuthorizationServerSettings.Builder#mutualTls}.
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

	/** How a client authenticates at the token, introspection and revocation endpoints. */
	public enum AuthenticationMethod {
		/** {@code client_secret_basic} or {@code client_secret_post} (RFC 6749 §2.3.1). */
		CLIENT_SECRET,
		/** {@code private_key_jwt} (RFC 7523 §2.2, OIDC Core §9). */
		PRIVATE_KEY_JWT,
		/** {@code tls_client_auth}: PKI mutual TLS, matched by the certificate's subject DN (RFC 8705 §2.1). */
		TLS_CLIENT_AUTH,
		/** {@code self_signed_tls_client_auth}: a self-signed certificate published in the client's JWK set (RFC 8705 §2.2). */
		SELF_SIGNED_TLS_CLIENT_AUTH
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
	private final AuthenticationMethod authenticationMethod;
	private final String certificateSubjectDn;

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
		this.authenticationMethod = b.authenticationMethod;
		this.certificateSubjectDn = b.certificateSubjectDn;
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

	public AuthenticationMethod authenticationMethod() {
		return this.authenticationMethod;
	}

	/**
	 * The URI of the client's JWK set: for {@code private_key_jwt} clients the keys their assertions are verified
	 * with, for {@code self_signed_tls_client_auth} clients the key whose {@code x5c} holds their certificate;
	 * {@code null} for other clients.
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

	/** For {@code tls_client_auth} clients: the subject DN their certificate must carry; otherwise {@code null}. */
	public String certificateSubjectDn() {
		return this.certificateSubjectDn;
	}

	/** Whether the client authenticates with a certificate, and so gets certificate-bound tokens (RFC 8705 §3). */
	public boolean mutualTls() {
		return this.authenticationMethod == AuthenticationMethod.TLS_CLIENT_AUTH
				|| this.authenticationMethod == AuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH;
	}

	@Override
	public String toString() {
		// The secret is deliberately left out.
		return "DevClient[" + this.clientId + ", " + this.authenticationMethod + ", " + this.grantTypes + ", " + this.algorithm + ", " + this.tokenFormat
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
		private AuthenticationMethod authenticationMethod = AuthenticationMethod.CLIENT_SECRET;
		private String certificateSubjectDn;

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
			this.authenticationMethod = AuthenticationMethod.PRIVATE_KEY_JWT;
			this.certificateSubjectDn = null;
			return this;
		}

		/**
		 * Authenticates this client with {@code tls_client_auth} (RFC 8705 §2.1) instead of its secret: over the
		 * mutual-TLS port, with a certificate chain the server's trust store accepts and whose leaf has this subject
		 * DN, as Java prints it ({@code X500Principal.getName()}, RFC 2253: {@code CN=agent,O=Example}).
		 *
		 * <p>
		 * Spring Authorization Server tells the two mutual-TLS methods apart by chain length: a client presenting a
		 * single certificate is taken for a self-signed one, so a PKI client must send its chain (leaf and issuer).
		 */
		public Builder tlsClientAuth(String subjectDn) {
			this.certificateSubjectDn = Objects.requireNonNull(subjectDn, "subjectDn");
			this.authenticationMethod = AuthenticationMethod.TLS_CLIENT_AUTH;
			this.clientJwksUri = null;
			return this;
		}

		/**
		 * Authenticates this client with {@code self_signed_tls_client_auth} (RFC 8705 §2.2) instead of its secret:
		 * over the mutual-TLS port, with a self-signed certificate whose public key is that of a JWK with an
		 * {@code x5c} in the JWK set at {@code jwksUri}. (Spring Authorization Server reads the client's key set from
		 * a URL only; the certificate must also be in the server's trust store, so the TLS layer asks for it.)
		 */
		public Builder selfSignedTlsClientAuth(String jwksUri) {
			this.clientJwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
			this.authenticationMethod = AuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH;
			this.certificateSubjectDn = null;
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

		public DevClient build() {
			return new DevClient(this);
		}

	}

}
