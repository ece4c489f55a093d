package dev.tollgate.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestJwksTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void jwksWhenFetchedThenPublicKeysOnlyAndCounted() throws Exception {
		try (TestJwks jwks = TestJwks.start()) {
			JWKSet set = JWKSet.parse(get(jwks.jwksUri()).body());
			assertThat(set.getKeys()).extracting(k -> k.getKeyID()).containsExactly("rsa-1", "ec-1");
			assertThat(set.getKeys()).noneMatch(k -> k.isPrivate());
			assertThat(jwks.requests()).isEqualTo(1);
		}
	}

	@Test
	void setKeysWhenSwappedThenNewSetServed() throws Exception {
		try (TestJwks jwks = TestJwks.start(TestKeys.rsa1())) {
			jwks.setKeys(TestKeys.rsa2());
			assertThat(JWKSet.parse(get(jwks.jwksUri()).body()).getKeyByKeyId("rsa-2")).isNotNull();
		}
	}

	@Test
	void failWhenSetThen500UntilRecovered() throws Exception {
		try (TestJwks jwks = TestJwks.start()) {
			jwks.fail();
			assertThat(get(jwks.jwksUri()).statusCode()).isEqualTo(500);
			jwks.recover();
			assertThat(get(jwks.jwksUri()).statusCode()).isEqualTo(200);
			assertThat(jwks.requests()).isEqualTo(2);
		}
	}

	@Test
	void holdWhenSetThenRequestWaitsUntilReleased() throws Exception {
		try (TestJwks jwks = TestJwks.start()) {
			jwks.hold();
			CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(
					HttpRequest.newBuilder(URI.create(jwks.jwksUri())).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(pending).isNotDone();
			jwks.release();
			assertThat(pending.get().statusCode()).isEqualTo(200);
		}
	}

	@Test
	void metadataWhenFetchedThenNamesIssuerAndJwksUri() throws Exception {
		try (TestJwks jwks = TestJwks.start()) {
			String body = get(jwks.issuerUri() + "/.well-known/oauth-authorization-server").body();
			assertThat(body).contains(jwks.jwksUri()).contains(jwks.issuerUri());
		}
	}

	private static HttpResponse<String> get(String uri) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
