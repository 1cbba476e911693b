package org.pujiang.notice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the dispatcher on a schedule unless {@code pujiang.notices.scheduled=false} (tests dispatch by hand). */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "pujiang.notices.scheduled", havingValue = "true", matchIfMissing = true)
class NoticeScheduling {

}
