package dev.tollgate.filters.binding;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tollgate.filters.binding.dpop.DpopProofVerifier;
import dev.tollgate.filters.binding.dpop.ReplayFailurePolicy;
import dev.tollgate.filters.binding.mtls.ForwardedCertificateFormat;
import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * {@code tollgate.binding.*}: how sender-constrained tokens are checked, gateway-wide. Which routes require them is
 * each route's {@code binding} ({@code none}, {@code dpop}, {@code mtls}, {@code any-bound}).
 *
 * @param dpop DPoP proofs (RFC 9449).
 * @param mtls Client certificates for certificate-bound tokens (RFC 8705).
 */
@ConfigurationProperties("tollgate.binding")
public record BindingProperties(@DefaultValue Dpop dpop, @DefaultValue Mtls mtls) {

	private static final String PREFIX = "tollgate.binding.";

	/**
	 * DPoP proof checks (RFC 9449 §4.3). A proof's {@code htu} is compared with
	 * {@code tollgate.gateway.public-base-url} plus the request path, never with the request's Host.
	 *
	 * @param algorithms Proof algorithms accepted, asymmetric only; advertised in {@code WWW-Authenticate: DPoP algs}.
	 * Default {@code ES256, EdDSA, PS256, RS256}. On Java 17, PS256 and RS256 proofs verify over ten times faster than
	 * ES256 and EdDSA ones.
	 * @param proofMaxAge How old a proof's {@code iat} may be. Default {@code 60s}.
	 * @param clockSkew Tolerance for a caller's clock: how far in the future {@code iat} may be, and extra age.
	 * Default {@code 5s}.
	 * @param onReplayStoreFailure What happens while the replay cache (Redis) cannot answer: {@code deny} (503 with
	 * {@code Retry-After}, the default) or {@code allow} (accept the proof unchecked for replay, counted as a
	 * {@code fallback} decision).
	 * @param replayCacheMaxEntries Entries the in-memory replay cache (used only without Redis, single instance) may
	 * hold; when full of unexpired entries, the failure policy applies. Default {@code 100000}.
	 * @param nonce Server-provided nonces (RFC 9449 §8); off by default.
	 */
	public record Dpop(@DefaultValue({ "ES256", "EdDSA", "PS256", "RS256" }) List<String> algorithms,
			@DefaultValue("60s") Duration proofMaxAge, @DefaultValue("5s") Duration clockSkew,
			@DefaultValue("deny") ReplayFailurePolicy onReplayStoreFailure,
			@DefaultValue("100000") int replayCacheMaxEntries, @DefaultValue Nonce nonce) {

		public Dpop {
			algorithms = (algorithms != null) ? List.copyOf(algorithms) : List.of();
		}

	}

	/**
	 * Server-provided DPoP nonces (RFC 9449 §8): when required, every proof must carry a recent nonce from a
	 * {@code DPoP-Nonce} answer header; a proof without one is answered 401 {@code use_dpop_nonce} with a fresh one.
	 *
	 * @param required Require nonces. Default {@code false}.
	 * @param window How long one nonce is handed out; the previous window's stays valid. Default {@code 5m}.
	 * @param secret Base64 key (at least 32 bytes) shared by every instance, so any instance accepts another's nonces;
	 * unset: a random key per instance (only for a single instance).
	 */
	public record Nonce(boolean required, @DefaultValue("5m") Duration window, String secret) {
	}

	/**
	 * Client certificates of certificate-bound tokens (RFC 8705 §3). With TLS terminated by the gateway itself
	 * ({@code server.ssl.bundle} and {@code server.ssl.client-auth: want}), the handshake's certificate is used.
	 *
	 * @param certificateHeader Header in which a front proxy that terminates TLS forwards the client certificate, e.g.
	 * {@code X-Forwarded-Client-Cert} (Envoy) or {@code X-SSL-Client-Cert} (nginx). Believed only from
	 * {@code tollgate.gateway.trusted-proxies}, stripped from everyone else, never forwarded upstream. Unset: none.
	 * @param certificateHeaderFormat {@code xfcc} (Envoy's {@code Cert="<url-encoded PEM>"}, the default) or
	 * {@code pem-url-encoded} (nginx's {@code $ssl_client_escaped_cert}).
	 */
	public record Mtls(String certificateHeader,
			@DefaultValue("xfcc") ForwardedCertificateFormat certificateHeaderFormat) {
	}

	/** Adds a problem for every value out of range. */
	public void validate(ConfigurationProblems problems) {
		if (this.dpop.algorithms().isEmpty()) {
			problems.add(PREFIX + "dpop.algorithms", "must name at least one algorithm");
		}
		for (String alg : this.dpop.algorithms()) {
			if (!DpopProofVerifier.ASYMMETRIC.contains(JWSAlgorithm.parse(alg))) {
				problems.add(PREFIX + "dpop.algorithms", "'" + alg + "' is not an asymmetric JWS algorithm "
						+ "(use ES256, ES384, ES512, EdDSA, PS256, PS384, PS512, RS256, RS384, RS512)");
			}
		}
		requirePositive(problems, "dpop.proof-max-age", this.dpop.proofMaxAge());
		if (this.dpop.clockSkew() == null || this.dpop.clockSkew().isNegative()) {
			problems.add(PREFIX + "dpop.clock-skew", "must not be negative");
		}
		if (this.dpop.replayCacheMaxEntries() < 1) {
			problems.add(PREFIX + "dpop.replay-cache-max-entries", "must be positive");
		}
		requirePositive(problems, "dpop.nonce.window", this.dpop.nonce().window());
		String secret = this.dpop.nonce().secret();
		if (secret != null) {
			try {
				if (java.util.Base64.getDecoder().decode(secret).length < 32) {
					problems.add(PREFIX + "dpop.nonce.secret", "must be at least 32 bytes (base64)");
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(PREFIX + "dpop.nonce.secret", "is not base64");
			}
		}
		String header = this.mtls.certificateHeader();
		if (header != null && (header.isBlank() || !header.matches("[A-Za-z0-9-]+"))) {
			problems.add(PREFIX + "mtls.certificate-header", "must be a header name (letters, digits, '-')");
		}
	}

	private static void requirePositive(ConfigurationProblems problems, String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			problems.add(PREFIX + name, "must be a positive duration");
		}
	}

}
