package dev.tollgate.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.tollgate.admin.cli.ApiKeyCli;
import dev.tollgate.admin.cli.PolicyCli;

/**
 * The Tollgate gateway: the starter's filters, routes, admin endpoint and metrics with production defaults
 * (application.yml). Routes come from configuration; with none declared it starts and serves nothing but
 * management. The demo is a separate application (module {@code demo}).
 */
@SpringBootApplication
public class TollgateApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "keys".equals(args[0])) {
			// Same jar, no Spring context: administer API keys against the store directly (docs/cli.md).
			ApiKeyCli.main(args);
		}
		if (args.length > 0 && "policy".equals(args[0])) {
			// Same jar, no Spring context: test a route policy offline (docs/policies.md).
			PolicyCli.main(args);
		}
		SpringApplication.run(TollgateApplication.class, args);
	}

}
