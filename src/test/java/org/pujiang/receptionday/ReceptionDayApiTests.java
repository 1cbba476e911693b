package org.pujiang.receptionday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pujiang.CaseDesk;
import org.pujiang.PujiangHttpTest;
import org.pujiang.RestDesk;
import org.pujiang.petition.BusinessClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A manager plans a day over HTTP; petitioners see it announced and pre-register for it online. */
@PujiangHttpTest
class ReceptionDayApiTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void shouldAnnounceADayAndTakeOnlinePreRegistrationsForIt() {
		RestDesk desk = new RestDesk(this.http);
		ZonedDateTime startsAt = ZonedDateTime.ofInstant(BusinessClock.now(), BusinessClock.ZONE).plusDays(15);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
		Map<String, Object> plan = new HashMap<>(Map.of("leaderName", "省长", "county", "浦江县", "venue", "浦江中学",
				"startsAt", time.format(startsAt), "endsAt", time.format(startsAt.plusHours(8)), "channels",
				List.of("NEWSPAPER", "TV"), "departments", "省级部门"));
		assertThat(desk.post("registrar", "/engine-rest/process-definition/key/ReceptionDay/submit-form",
				RestDesk.variables(plan)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> planned = desk.post("manager", "/engine-rest/process-definition/key/ReceptionDay/submit-form",
				RestDesk.variables(plan));
		assertThat(planned.getStatusCode()).as(String.valueOf(planned.getBody())).isEqualTo(HttpStatus.OK);
		long dayId = Long.parseLong(planned.getBody().get("businessKey").asText().substring("RD-".length()));

		JsonNode upcoming = this.http.getForEntity("/api/reception-days", JsonNode.class).getBody();
		assertThat(upcoming.findValuesAsText("venue")).contains("浦江中学");
		assertThat(upcoming.findValues("id").stream().map(JsonNode::asLong)).contains(dayId);

		Map<String, Object> petition = new HashMap<>();
		Map<String, Object> form = CaseDesk.petition("LAND_REQUISITION", 2);
		petition.put("petitioner", Map.of("name", form.get("petitionerName"), "residentId", form.get("residentId"), "phone",
				form.get("phone")));
		petition.put("personsCount", 2);
		petition.put("category", "LAND_REQUISITION");
		petition.put("summary", "征地补偿");
		petition.put("request", "足额补偿");
		petition.put("receptionDay", dayId);
		ResponseEntity<JsonNode> registered = this.http.postForEntity("/api/petitions", petition, JsonNode.class);
		assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		petition.put("receptionDay", dayId + 1000);
		ResponseEntity<JsonNode> unknownDay = this.http.postForEntity("/api/petitions", petition, JsonNode.class);
		assertThat(unknownDay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknownDay.getBody().get("errors").findValuesAsText("field")).contains("receptionDay");

		JsonNode record = desk.get("manager", "/api/staff/reception-days/" + dayId).getBody();
		assertThat(record.get("status").asText()).isEqualTo("ANNOUNCED");
		assertThat(record.get("announcements").findValuesAsText("channel")).containsExactly("NEWSPAPER", "TV");
		assertThat(desk.get("unit-land", "/api/staff/reception-days/" + dayId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

}
