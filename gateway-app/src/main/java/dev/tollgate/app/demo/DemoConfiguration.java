package dev.tollgate.app.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.devauth.DevAuthorizationServerSettings;
import dev.tollgate.devauth.DevClient;

/** The demo's moving parts, present only when {@code tollgate.demo.enabled=true} (set when no route is declared). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tollgate.demo.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfiguration {

	/** Client of the dev authorization server that a newcomer uses to get a token. */
	public static final String DEMO_CLIENT_ID = "demo-agent";

	public static final String DEMO_CLIENT_SECRET = "demo-secret";

	@Bean(destroyMethod = "close")
	public DevAuthorizationServer demoAuthorizationServer(DemoProperties properties) {
		DevClient agent = DevClient.withId(DEMO_CLIENT_ID)
			.secret(DEMO_CLIENT_SECRET)
			.grantTypes(DevClient.GrantType.CLIENT_CREDENTIALS)
			.scopes("echo:read", "echo:write")
			.defaultAudience(DemoEnvironmentPostProcessor.DEMO_AUDIENCE)
			.build();
		return DevAuthorizationServer.start(DevAuthorizationServerSettings.builder()
			.port(properties.getAuthorizationServerPort())
			.issuerHost("127.0.0.1")
			.clients(agent)
			.build());
	}

	@Bean(destroyMethod = "close")
	public EchoUpstream demoEchoUpstream(DemoProperties properties) {
		return EchoUpstream.start(properties.getEchoPort());
	}

	@Bean
	public DemoBanner demoBanner(DevAuthorizationServer authorizationServer,
			@Value("${tollgate.api-keys.header:X-API-Key}") String apiKeyHeader) {
		// The demo API key is issued by the API-key store once it is wired in (see DemoApiKey).
		return new DemoBanner(authorizationServer, null, apiKeyHeader);
	}

}
