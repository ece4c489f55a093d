package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.json.JsonMapper;

/** Gets callers' access tokens from the in-process authorization server (client credentials, secret "secret"). */
final class AuthorizationServerTokens {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String tokenUri;

	AuthorizationServerTokens(String tokenUri) {
		this.tokenUri = tokenUri;
	}

	String clientCredentials(String clientId, String audience, String scope) {
		String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
				+ "&audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8);
		String basic = Base64.getEncoder().encodeToString((clientId + ":secret").getBytes(StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.tokenUri))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
			}
			return JsonMapper.shared().readTree(response.body()).get("access_token").stringValue();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
