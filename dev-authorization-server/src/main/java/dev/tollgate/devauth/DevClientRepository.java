package dev.tollgate.devauth;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients, keyed by client id (which is also their registration id). Not {@code InMemoryRegisteredClientRepository}: that one refuses two clients with the same
 * secret, and every dev and test client here shares the secret {@code secret} on purpose.
 */
final class DevClientRepository implements RegisteredClientRepository {

	private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

	DevClientRepository(List<RegisteredClient> clients) {
		clients.forEach(this::save);
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		// Spring Authorization Server saves a client back after authenticating it (to upgrade a {noop} secret's
		// encoding), so saving must work.
		this.byClientId.put(registeredClient.getClientId(), registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		// Registered with id == client id (see DevAuthorizationServerConfiguration).
		return this.byClientId.get(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.byClientId.get(clientId);
	}

}
