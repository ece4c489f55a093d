package dev.tollgate.demo;

import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.devauth.DevAuthorizationServerSettings;
import dev.tollgate.devauth.DevClient;
import dev.tollgate.filters.authn.apikey.ApiKeyProperties;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.errors.ErrorResponder;

/** The demo's moving parts, present only when {@code tollgate.demo.enabled=true} (set when no route is declared). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.demo.enabled", havingValue = "true")
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {

	/** Client of the dev authorization server that a newcomer uses to get a token. */
	public static final String DEMO_CLIENT_ID = "demo-agent";

	public static final String DEMO_CLIENT_SECRET = "demo-secret";

	/** Client the demo API key is mapped to: a legacy caller that should move to OAuth. */
	public static final String DEMO_KEY_CLIENT_ID = "legacy-agent";

	@Bean(destroyMethod = "close")
	public DevAuthorizationServer demoAuthorizationServer(DemoProperties properties, ErrorResponder responder) {
		// Tokens asked for without RFC 8707 resource get the demo route's resource as aud, as those asking for it do.
		DevClient agent = DevClient.withId(DEMO_CLIENT_ID)
			.secret(DEMO_CLIENT_SECRET)
			.grantTypes(DevClient.GrantType.CLIENT_CREDENTIALS)
			.scopes("echo:read", "echo:write", "tools:call", "orders:read")
			.defaultAudience(demoResource(responder))
			.build();
		return DevAuthorizationServer.start(DevAuthorizationServerSettings.builder()
			.port(properties.authorizationServerPort())
			.issuerHost("127.0.0.1")
			.clients(agent)
			.build());
	}

	/** The demo route's RFC 9728 resource, e.g. {@code http://localhost:8080/echo}. */
	static String demoResource(ErrorResponder responder) {
		return responder.publicBaseUrl().resolve(DemoEnvironmentPostProcessor.DEMO_RESOURCE_PATH);
	}

	@Bean(destroyMethod = "close")
	public EchoUpstream demoEchoUpstream(DemoProperties properties) {
		return EchoUpstream.start(properties.echoPort());
	}

	@Bean(destroyMethod = "close")
	public DemoMcpServer demoMcpServer(DemoProperties properties) {
		return DemoMcpServer.start(properties.mcpPort());
	}

	@Bean
	public DemoBanner demoBanner(DevAuthorizationServer authorizationServer, ApiKeyLifecycle keys,
			ApiKeyProperties apiKeys, ErrorResponder responder) {
		// Issued once into the in-memory store at startup; shown once, as any new key is.
		IssuedKey demoKey = keys.issue(IssueRequest.forClient(DEMO_KEY_CLIENT_ID)
			.owner("tollgate demo")
			.scopes(Set.of("echo:read"))
			.routes(Set.of("echo"))
			.notes("demo key, printed at startup"))
			.toCompletableFuture()
			.join();
		return new DemoBanner(authorizationServer, demoKey::key, apiKeys.header(),
				responder.publicBaseUrl().value());
	}

}
