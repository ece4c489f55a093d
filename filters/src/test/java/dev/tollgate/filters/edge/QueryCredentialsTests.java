package dev.tollgate.filters.edge;

import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.format.ApiKeyFormat;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCredentialsTests {

	/** {"alg":"ES256"}.{"sub":"a"}.sig */
	private static final String JWS = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

	/** A JWE has five segments; the encrypted key is empty for {"alg":"dir"}. */
	private static final String JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn";

	private final QueryCredentials credentials = new QueryCredentials("X-Legacy-Auth");

	@Test
	void carriesCredentialWhenCredentialNameInAnySpellingThenTrueRfc6750Section2_3() {
		for (String query : new String[] { "access_token=x", "ACCESS-TOKEN=x", "accessToken=x", "%61ccess_token=x",
				"access%5Ftoken=x", "%2561ccess_token=x", "access_token[]=x", "id_token=x", "refresh_token=x",
				"token=x", "api_key=x", "apikey=x", "api-key=x", "X-API-Key=x", "key=x", "client_secret=x",
				"secret=x", "password=x", "user_password=x", "auth=x", "authorization=x", "jwt=x", "bearer=x",
				"oauth_token=x", "auth_token=x", "x-legacy-auth=x", "X_LEGACY_AUTH=x", "access_token", "a=1&token=" }) {
			assertThat(this.credentials.carriesCredential(query)).as(query).isTrue();
		}
	}

	@Test
	void carriesCredentialWhenValueHasCredentialShapeThenTrueWhateverTheName() {
		String key = new ApiKeyFormat().newKey("AbCdEfGh1234");
		for (String query : new String[] { "q=" + JWS, "state=" + JWE, "x=Bearer%20" + JWS, "x=bearer+" + JWS,
				"note=" + key, key, "a=1;b=" + JWS, "x=%65yJ" + JWS.substring(3) }) {
			assertThat(this.credentials.carriesCredential(query)).as(query).isTrue();
		}
	}

	@Test
	void carriesCredentialWhenLegitimateParametersThenFalse() {
		for (String query : new String[] { "page_token=abc", "next_key=2", "sort_key=name", "csrf_token=x",
				"continuation_token=x", "code=abc&state=xyz", "X-Amz-Signature=abc&X-Amz-Credential=AKIA%2F2026",
				"sig=abc", "q=eyJust.kidding", "q=eyJ.a.b.c", "keyword=x", "monkey=x", "tokens=5", "authors=x",
				"tg_nope=1", "", "&&", "=x" }) {
			assertThat(this.credentials.carriesCredential(query)).as(query).isFalse();
		}
		assertThat(this.credentials.carriesCredential(null)).isFalse();
	}

	@Test
	void carriesCredentialWhenMalformedEscapesThenStillChecked() {
		assertThat(this.credentials.carriesCredential("access_token=%zz")).isTrue();
		assertThat(this.credentials.carriesCredential("q=%zz&%")).isFalse();
	}

}
