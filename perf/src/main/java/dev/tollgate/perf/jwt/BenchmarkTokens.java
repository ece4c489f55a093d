package dev.tollgate.perf.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.authn.bearer.DefaultBearerAuthenticator;
import dev.tollgate.filters.authn.bearer.IssuersProperties;
import dev.tollgate.filters.authn.bearer.JwtAccessTokenVerifier;
import dev.tollgate.filters.authn.bearer.TrustedIssuers;
import dev.tollgate.filters.authn.bearer.VerifiedTokenCache;
import dev.tollgate.filters.authn.introspection.IntrospectionClient;
import dev.tollgate.filters.authn.introspection.OpaqueTokenIntrospector;
import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.JwksMetrics;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

/** Keys and token pools shared by the JWT benchmarks; one signing key per algorithm. */
public final class BenchmarkTokens {

	public static final String ISSUER = "https://idp.bench/realms/agents";

	public static final String AUDIENCE = "https://gateway.bench/orders";

	/** Distinct tokens per pool: enough that the cold path never sees the same token twice in a row. */
	static final int POOL = 512;

	private static final JWK PS256 = ps256Key();

	private BenchmarkTokens() {
	}

	static JWK key(String algorithm) {
		return switch (algorithm) {
			case "RS256" -> TestKeys.rsa1();
			case "PS256" -> PS256;
			case "ES256" -> TestKeys.ec1();
			case "EdDSA" -> TestKeys.ed1();
			default -> throw new IllegalArgumentException(algorithm);
		};
	}

	/** The issuer's public JWKS: one key per algorithm. */
	public static String publicJwks() {
		return TestKeys.publicJwkSet(TestKeys.rsa1(), PS256, TestKeys.ec1(), TestKeys.ed1()).toString();
	}

	/** {@link #POOL} valid access tokens signed with the algorithm's key, valid for an hour. */
	public static List<String> pool(String algorithm) {
		List<String> tokens = new ArrayList<>(POOL);
		for (int i = 0; i < POOL; i++) {
			tokens.add(TestJwts.jwt()
				.issuer(ISSUER)
				.audience(AUDIENCE)
				.scope("orders:read orders:write")
				.expiresIn(Duration.ofHours(1))
				.signWith(key(algorithm))
				.build());
		}
		return tokens;
	}

	private static JWK ps256Key() {
		try {
			return new RSAKeyGenerator(2048).keyID("ps-1").algorithm(JWSAlgorithm.PS256).keyUse(KeyUse.SIGNATURE)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A bearer authenticator trusting the benchmark issuer, its keys already in memory. */
	public static DefaultBearerAuthenticator authenticator(long verifiedCacheSize) {
		Clock clock = Clock.systemUTC();
		IssuersProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
				"tollgate.issuers[0].name", "bench",
				"tollgate.issuers[0].issuer-uri", BenchmarkTokens.ISSUER,
				"tollgate.issuers[0].jwks-uri", BenchmarkTokens.ISSUER + "/jwks")))
			.bindOrCreate("tollgate", IssuersProperties.class);
		TrustedIssuers issuers = TrustedIssuers.from(properties, clock);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		JwksCache keys = new JwksCache(issuers.jwksEndpoints(), new InMemoryJwksFetcher(BenchmarkTokens.publicJwks()),
				clock, new JwksMetrics(registry, clock));
		return new DefaultBearerAuthenticator(issuers, new JwtAccessTokenVerifier(issuers, keys),
				new OpaqueTokenIntrospector(new IntrospectionClient(WebClient.builder()), clock, registry, 10),
				new VerifiedTokenCache(verifiedCacheSize, clock, registry), clock, 8192, 16);
	}

}
