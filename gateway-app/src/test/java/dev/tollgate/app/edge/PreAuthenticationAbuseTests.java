package dev.tollgate.app.edge;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 8, abuse before authentication, against the running gateway over raw sockets: a real authorization server
 * (JWTs, opaque tokens, RFC 7662 introspection), an overloaded introspection endpoint, API keys in a real Redis, a
 * real upstream. Each test plays its own loopback client address, so the per-address failure counts of one test
 * never touch another.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreAuthenticationAbuseTests {

	static final String AUDIENCE = "https://gw.test/orders";

	static final String SLOW_AUDIENCE = "https://gw.test/slow";

	/** The only proxy this gateway trusts to name the client in X-Forwarded-For. */
	static final String TRUSTED_PROXY = "127.0.0.10";

	static final TestAuthorizationServer as = TestAuthorizationServer.shared();

	static final SlowIntrospectionEndpoint slowIdp = SlowIntrospectionEndpoint.start();

	static final RedisHarness redis = RedisHarness.dedicated();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final SecureRandom random = new SecureRandom();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Autowired
	ApiKeyLifecycle keys;

	@Autowired
	ApiKeyStore store;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.redis.url", redis::uri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.gateway.trusted-proxies[0]", () -> TRUSTED_PROXY + "/32");
		registry.add("tollgate.gateway.failed-auth.limit", () -> "20/1m");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		registry.add("tollgate.issuers[0].introspection.uri", as::introspectionUri);
		registry.add("tollgate.issuers[0].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[0].introspection.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.issuers[1].name", () -> "slow");
		registry.add("tollgate.issuers[1].issuer-uri", () -> "https://slow.test");
		registry.add("tollgate.issuers[1].jwks-uri", () -> closedPortUri() + "/jwks");
		registry.add("tollgate.issuers[1].introspection.uri", slowIdp::uri);
		registry.add("tollgate.issuers[1].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[1].introspection.client-secret", () -> "secret");
		registry.add("tollgate.issuers[1].introspection.timeout", () -> "30s");
		registry.add("tollgate.issuers[1].introspection.max-concurrent", () -> "2");
		route(registry, 0, "orders", "/orders/**", AUDIENCE, "test");
		registry.add("tollgate.routes[0].credentials[0]", () -> "bearer");
		registry.add("tollgate.routes[0].credentials[1]", () -> "api-key");
		route(registry, 1, "slow", "/slow/**", SLOW_AUDIENCE, "slow");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String audience,
			String issuer) {
		String prefix = "tollgate.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "path[0]", () -> path);
		registry.add(prefix + "upstream", upstream::uri);
		registry.add(prefix + "audience", () -> audience);
		registry.add(prefix + "issuers[0]", () -> issuer);
		registry.add(prefix + "upstream-token.audience", () -> id + "-api");
	}

	private static String closedPortUri() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stop() {
		slowIdp.close();
		upstream.close();
		redis.close();
	}

	private RawHttp from(String address) {
		return RawHttp.to(this.port).from(address);
	}

	private static String randomOpaqueToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private double count(String name, String... tags) {
		return this.registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** Everything a caller can observe of an answer; with a fixed correlation id, repeats must match exactly. */
	private static String answer(RawHttp.Response response) {
		List<String> headers = new ArrayList<>();
		for (String[] line : response.headerLines()) {
			headers.add(line[0].toLowerCase(Locale.ROOT) + ": " + line[1]);
		}
		headers.sort(null);
		return response.statusLine() + "\n" + String.join("\n", headers) + "\n\n" + response.body();
	}

	@Test
	void opaqueTokenWhenSameUnknownTokenRepeatedThenOneIntrospectionCallAndIdenticalAnswers() {
		String token = randomOpaqueToken();
		double before = count("tollgate.introspection.calls", "issuer", "test");
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RawHttp.Response response = from("127.0.0.3").request("GET", "/orders/1", "Authorization: Bearer " + token,
					"X-Correlation-Id: opaque-repeat");
			assertThat(response.status()).isEqualTo(401);
			answers.add(answer(response));
		}
		assertThat(count("tollgate.introspection.calls", "issuer", "test") - before).isEqualTo(1);
		assertThat(answers).allMatch(answers.get(0)::equals);
		assertThat(answers.get(0)).contains("error=\"invalid_token\"");
	}

	@Test
	void jwtWhenSameBadSignatureRepeatedThenVerifiedOnceAndIdenticalAnswers() {
		String token = as.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		String forged = token.substring(0, token.length() - 6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
		double hits = count("tollgate.authn.failed_credentials", "kind", "bearer", "outcome", "hit");
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			RawHttp.Response response = from("127.0.0.4").request("GET", "/orders/1", "Authorization: Bearer " + forged,
					"X-Correlation-Id: jwt-repeat");
			assertThat(response.status()).isEqualTo(401);
			answers.add(answer(response));
		}
		assertThat(answers).allMatch(answers.get(0)::equals);
		assertThat(count("tollgate.authn.failed_credentials", "kind", "bearer", "outcome", "hit") - hits)
			.as("nine repeats answered from the negative cache").isEqualTo(9);
	}

	@Test
	void apiKeyWhenRandomKeysRepeatedThenRedisLookedUpOncePerDistinctKey() {
		ApiKeyFormat format = new ApiKeyFormat();
		List<String> randomKeys = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			randomKeys.add(format.newKey(format.newKeyId()));
		}
		long before = hgetallCalls();
		for (int round = 0; round < 3; round++) {
			for (String key : randomKeys) {
				assertThat(from("127.0.0.5").request("GET", "/orders/1", "X-API-Key: " + key).status()).isEqualTo(401);
			}
		}
		assertThat(hgetallCalls() - before).isEqualTo(randomKeys.size());
	}

	// shared/docs/security.md: unknown, revoked, expired and malformed keys give identical answers, cached or not.
	@Test
	void apiKeyWhenUnknownRevokedExpiredOrMalformedThenIdenticalAnswersFirstAndFromCache() {
		String revoked = this.keys.issue(IssueRequest.forClient("agent-revoked").scopes(Set.of("orders:read")))
			.toCompletableFuture().join().key();
		this.keys.revoke(ApiKeyFormat.keyIdOf(revoked)).toCompletableFuture().join();
		String expired = this.keys.issue(IssueRequest.forClient("agent-expired").scopes(Set.of("orders:read")))
			.toCompletableFuture().join().key();
		this.keys.expire(ApiKeyFormat.keyIdOf(expired)).toCompletableFuture().join();
		ApiKeyFormat format = new ApiKeyFormat();
		String unknown = format.newKey(format.newKeyId());
		String malformed = "tg_not-a-key";
		List<String> answers = new ArrayList<>();
		for (String key : List.of(unknown, revoked, expired, malformed)) {
			for (int i = 0; i < 2; i++) {
				RawHttp.Response response = from("127.0.0.6").request("GET", "/orders/1", "X-API-Key: " + key,
						"X-Correlation-Id: key-answers");
				answers.add(answer(response));
			}
		}
		assertThat(answers.get(0)).startsWith("HTTP/1.1 401");
		assertThat(answers).allMatch(answers.get(0)::equals);
	}

	// A key presented before it exists (a legacy key not yet imported) is remembered as unknown; the key-change
	// announcement of the import clears the negative cache, so the key works at once, not after the TTL.
	@Test
	void apiKeyWhenRefusedThenImportedThenAcceptedWithoutWaitingForTheTtl() {
		ApiKeyFormat format = new ApiKeyFormat();
		String keyId = format.newKeyId();
		String key = format.newKey(keyId);
		assertThat(from("127.0.0.7").request("GET", "/orders/1", "X-API-Key: " + key).status()).isEqualTo(401);
		assertThat(from("127.0.0.7").request("GET", "/orders/1", "X-API-Key: " + key).status()).isEqualTo(401);
		this.store.save(ApiKeyRecord.builder().keyId(keyId).clientId("agent-late").scopes(Set.of("orders:read"))
			.created(Instant.now()).hash(KeyHash.of(key)).build()).toCompletableFuture().join();
		assertThat(from("127.0.0.7").request("GET", "/orders/1", "X-API-Key: " + key).status()).isEqualTo(200);
	}

	@Test
	void introspectionWhenIssuerSaturatedThenFast503WithRetryAfterNotAHang() throws Exception {
		int callsBefore = slowIdp.calls();
		CompletableFuture<RawHttp.Response> first = CompletableFuture.supplyAsync(() -> from("127.0.0.8")
			.timeout(Duration.ofSeconds(30)).request("GET", "/slow/1", "Authorization: Bearer " + randomOpaqueToken()));
		CompletableFuture<RawHttp.Response> second = CompletableFuture.supplyAsync(() -> from("127.0.0.8")
			.timeout(Duration.ofSeconds(30)).request("GET", "/slow/1", "Authorization: Bearer " + randomOpaqueToken()));
		assertThat(slowIdp.awaitArrivals(2, Duration.ofSeconds(20))).as("both calls held at the IdP").isTrue();

		RawHttp.Response saturated = from("127.0.0.8").request("GET", "/slow/1",
				"Authorization: Bearer " + randomOpaqueToken());
		assertThat(saturated.status()).isEqualTo(503);
		assertThat(saturated.header("Retry-After")).isEqualTo("1");
		assertThat(saturated.body()).contains("introspection-saturated");
		assertThat(slowIdp.calls() - callsBefore).as("no call for the refused request").isEqualTo(2);
		assertThat(count("tollgate.introspection.calls", "issuer", "slow", "outcome", "saturated")).isEqualTo(1);

		slowIdp.release();
		assertThat(first.get().status()).isEqualTo(401);
		assertThat(second.get().status()).isEqualTo(401);
	}

	@Test
	void failedAuthLimitWhenAddressExceedsLimitThen429ThereWhileOtherAddressesWork() {
		String good = as.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		String forged = good.substring(0, good.length() - 6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
		for (int i = 0; i < 20; i++) {
			assertThat(from("127.0.0.2").request("GET", "/orders/1", "Authorization: Bearer " + forged).status())
				.isEqualTo(401);
		}
		RawHttp.Response blocked = from("127.0.0.2").request("GET", "/orders/1", "Authorization: Bearer " + forged);
		assertThat(blocked.status()).isEqualTo(429);
		assertThat(Integer.parseInt(blocked.header("Retry-After"))).isBetween(1, 60);
		assertThat(blocked.body()).contains("failed-auth-limited");
		assertThat(blocked.header("WWW-Authenticate")).isNull();
		// Refused before the credential is looked at: even a good token that was never verified here.
		String unseen = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");
		assertThat(from("127.0.0.2").request("GET", "/orders/1", "Authorization: Bearer " + unseen).status())
			.isEqualTo(429);
		assertThat(from("127.0.0.2").request("GET", "/orders/1").status()).isEqualTo(429);

		// Another address is unaffected.
		assertThat(from("127.0.0.1").request("GET", "/orders/1", "Authorization: Bearer " + good).status())
			.isEqualTo(200);
		// A token verified moments ago passes even from the blocked address (a NAT shared with an attacker).
		assertThat(from("127.0.0.2").request("GET", "/orders/1", "Authorization: Bearer " + good).status())
			.isEqualTo(200);
	}

	@Test
	void failedAuthLimitWhenPeerUntrustedThenXForwardedForIgnored() {
		for (int i = 0; i < 20; i++) {
			// Each request claims another client; the untrusted peer is counted every time.
			assertThat(from("127.0.0.9").request("GET", "/orders/1", "Authorization: Bearer " + randomJwtLike(),
					"X-Forwarded-For: 198.51.100." + i).status()).isEqualTo(401);
		}
		assertThat(from("127.0.0.9").request("GET", "/orders/1", "X-Forwarded-For: 198.51.100.200").status())
			.isEqualTo(429);
	}

	@Test
	void failedAuthLimitWhenPeerIsTrustedProxyThenClientFromXForwardedForCounted() {
		for (int i = 0; i < 20; i++) {
			assertThat(from(TRUSTED_PROXY).request("GET", "/orders/1", "Authorization: Bearer " + randomJwtLike(),
					"X-Forwarded-For: 6.6.6.6, 203.0.113.7").status()).isEqualTo(401);
		}
		// The client the proxy saw (the nearest untrusted entry) is blocked, whatever it wrote further left...
		assertThat(from(TRUSTED_PROXY).request("GET", "/orders/1", "X-Forwarded-For: 203.0.113.7").status())
			.isEqualTo(429);
		assertThat(from(TRUSTED_PROXY).request("GET", "/orders/1", "Forwarded: for=203.0.113.7").status())
			.isEqualTo(429);
		// ...while another client behind the same proxy, and the proxy itself, are not.
		assertThat(from(TRUSTED_PROXY).request("GET", "/orders/1", "X-Forwarded-For: 203.0.113.8").status())
			.isEqualTo(401);
		assertThat(from(TRUSTED_PROXY).request("GET", "/orders/1").status()).isEqualTo(401);
	}

	/** A token with a JWT's shape that verifies nowhere, different every call. */
	private static String randomJwtLike() {
		return "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0." + randomOpaqueToken();
	}

	private long hgetallCalls() {
		RedisClient client = RedisClient.create(redis.uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			Matcher m = Pattern.compile("cmdstat_hgetall:calls=(\\d+)").matcher(connection.sync().info("commandstats"));
			return m.find() ? Long.parseLong(m.group(1)) : 0;
		}
		finally {
			client.shutdown();
		}
	}

}
