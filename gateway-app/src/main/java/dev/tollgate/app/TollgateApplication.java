package dev.tollgate.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.tollgate.app.admin.ApiKeyCli;

/** The Tollgate gateway. With no configuration it starts the demo (see README). */
@SpringBootApplication
public class TollgateApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "keys".equals(args[0])) {
			// Same jar, no server: administer API keys against the configured store (see README).
			System.exit(ApiKeyCli.run(args, System.out, System.err));
		}
		SpringApplication app = new SpringApplication(TollgateApplication.class);
		// The dev authorization server brings Spring MVC onto the classpath; the gateway itself is reactive.
		app.setWebApplicationType(WebApplicationType.REACTIVE);
		app.run(args);
	}

}
