package dev.tollgate.filters.upstream.exchange;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

/** Turns validated {@link StsProperties} into immutable {@link StsProfile}s, loading signing keys once. */
public final class StsProfiles {

	private StsProfiles() {
	}

	/** @throws IllegalStateException naming the property when a key cannot be loaded or used */
	public static Map<String, StsProfile> from(StsProperties properties, Clock clock) {
		Map<String, StsProfile> profiles = new LinkedHashMap<>();
		properties.getSts().forEach((name, sts) -> profiles.put(name, from(name, sts, clock)));
		return Map.copyOf(profiles);
	}

	static StsProfile from(String name, StsProperties.Sts sts, Clock clock) {
		String path = "tollgate.sts." + name;
		ClientAssertionSigner signer = null;
		ClientAuthentication authentication;
		switch (sts.getClientAuth()) {
			case CLIENT_SECRET_BASIC -> authentication = new ClientAuthentication.SecretBasic(sts.getClientId(),
					sts.getClientSecret());
			case CLIENT_SECRET_POST -> authentication = new ClientAuthentication.SecretPost(sts.getClientId(),
					sts.getClientSecret());
			case PRIVATE_KEY_JWT -> {
				JWK key = SigningKeys.load(path + ".private-key", sts.getPrivateKey(), sts.getPrivateKeyId(),
						sts.getKeystorePassword());
				JWSAlgorithm algorithm = SigningKeys.algorithm(path + ".signing-algorithm", key,
						sts.getSigningAlgorithm());
				// RFC 7523 §3: the token endpoint URL is a value the authorization server must accept as audience.
				signer = new ClientAssertionSigner(sts.getClientId(), sts.getTokenUri().toString(), key, algorithm,
						sts.getAssertionTtl(), clock);
				authentication = new ClientAuthentication.PrivateKeyJwt(sts.getClientId(), signer);
			}
			default -> throw new IllegalStateException(path + ".client-auth is not supported");
		}
		List<String> actorScopes = (sts.getActorScopes() != null) ? sts.getActorScopes() : List.of();
		return new StsProfile(name, sts.getTokenUri(), sts.getClientId(), authentication, signer, sts.getTimeout(),
				sts.getCacheMaxSize(), sts.getRefreshMargin(), sts.getNegativeCacheTtl(), sts.getRetryAfter(),
				sts.getActorToken(), actorScopes, sts.isRetryOnUpstream401());
	}

}
