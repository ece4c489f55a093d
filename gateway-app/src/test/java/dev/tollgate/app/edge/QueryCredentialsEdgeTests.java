package dev.tollgate.app.edge;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials in the query string are refused at the edge with 400, on protected, public and hand-written routes
 * alike (a URL ends up in access logs), by name class and by value shape; look-alike parameters pass.
 */
class QueryCredentialsEdgeTests extends EdgeGateway {

	/** {"alg":"ES256"}.{"sub":"a"}.signature */
	static final String JWS = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

	@Test
	void requestWhenCredentialNamedParameterThen400OnEveryRouteRfc6750Section2_3() {
		for (String path : List.of("/orders/1", "/public/1", "/open/1", "/manual/1", "/manual-open/1")) {
			for (String name : List.of("access_token", "%61ccess_token", "ACCESS-TOKEN", "api_key", "X_API_KEY",
					"apiKey", "client_secret", "a=1;token", "key", "password")) {
				// Upper case: cannot occur in the random correlation id of the answer.
				String query = name + "=S3CRET";
				RawHttp.Response response = raw().request("GET", path + "?" + query);

				assertThat(response.status()).as(path + "?" + query).isEqualTo(400);
				assertThat(response.body()).as(path + "?" + query).contains("credential-in-query")
					.doesNotContain("S3CRET");
			}
		}
	}

	@Test
	void requestWhenCredentialShapedValueUnderAnyNameThen400() {
		RawHttp.Response jws = raw().request("GET", "/public/1?q=" + JWS);
		RawHttp.Response key = raw().request("GET", "/manual/1?note=" + apiKey());
		RawHttp.Response bearer = raw().request("GET", "/orders/1?h=Bearer%20" + JWS,
				"Authorization: Bearer " + token());

		assertThat(List.of(jws.status(), key.status(), bearer.status())).containsOnly(400);
	}

	@Test
	void requestWhenLookAlikeParametersThenForwardedUnchanged() {
		String query = "page_token=abc&next_key=2&sort_key=name&code=c&state=s&X-Amz-Signature=f00";

		assertThat(upstreamQuery(raw().request("GET", "/public/1?" + query))).isEqualTo(query);
		assertThat(upstreamQuery(raw().request("GET", "/orders/1?" + query, "X-API-Key: " + apiKey())))
			.isEqualTo(query);
	}

	@Test
	void requestWhenGatewayEndpointQueryCarriesCredentialThen400Too() {
		assertThat(raw().request("GET", "/actuator/health?access_token=abc").status()).isEqualTo(400);
	}

}
