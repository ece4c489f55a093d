package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One STS profile resolved at startup: keys loaded, defaults applied. Immutable; holds secrets, so its
 * {@code toString} names only the profile, endpoint and client.
 *
 * @param name the profile name routes refer to
 * @param tokenUri the token endpoint
 * @param clientId the gateway's client id there
 * @param authentication how the gateway authenticates there
 * @param assertionSigner signs client assertions ({@code null} unless {@code private_key_jwt})
 * @param timeout budget of one STS call
 * @param cacheMaxSize bound of this profile's token cache
 * @param refreshMargin how long before expiry a cached token stops being served
 * @param negativeCacheTtl how long a refusal is remembered
 * @param retryAfter the {@code Retry-After} of 503 answers
 * @param actorToken whether and how to send an {@code actor_token}
 * @param actorScopes scopes of the client-credentials actor token
 * @param retryOnUpstream401 whether an upstream 401 retries once with a fresh exchange
 */
public record StsProfile(String name, URI tokenUri, String clientId, ClientAuthentication authentication,
		ClientAssertionSigner assertionSigner, Duration timeout, long cacheMaxSize, Duration refreshMargin,
		Duration negativeCacheTtl, Duration retryAfter, ActorTokenMode actorToken, List<String> actorScopes,
		boolean retryOnUpstream401) {

	public StsProfile {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(tokenUri, "tokenUri");
		Objects.requireNonNull(authentication, "authentication");
		actorScopes = List.copyOf(actorScopes);
	}

	@Override
	public String toString() {
		return "StsProfile[" + this.name + ", " + this.tokenUri + ", client=" + this.clientId + "]";
	}

}
