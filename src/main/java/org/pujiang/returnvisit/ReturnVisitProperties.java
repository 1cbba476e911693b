package org.pujiang.returnvisit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many return visits a case gets: a dissatisfied petitioner sends the case back to handling until this many
 * visits were made; past it the case closes with the dissatisfaction recorded.
 */
@ConfigurationProperties("pujiang.return-visit")
public record ReturnVisitProperties(int maxRounds) {

	public ReturnVisitProperties {
		maxRounds = maxRounds <= 0 ? 2 : maxRounds;
	}

}
