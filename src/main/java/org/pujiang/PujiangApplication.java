package org.pujiang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PujiangApplication {

	public static void main(String[] args) {
		SpringApplication.run(PujiangApplication.class, args);
	}

}
