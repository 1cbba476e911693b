package org.pujiang.receptionday;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.FetchType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Version;

import org.pujiang.petition.BusinessClock;

/** A leader's announced visit to a county to receive petitioners (领导下访接待日). */
@Entity
public class ReceptionDay {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String leaderName;

	private String county;

	private String venue;

	private Instant startsAt;

	private Instant endsAt;

	private String channels;

	private String departments;

	private String lawyers;

	@Enumerated(EnumType.STRING)
	private ReceptionDayStatus status;

	private int postponements;

	private String investigationNotes;

	private Integer knownCases;

	private String processInstanceId;

	private String plannedBy;

	private Instant plannedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "reception_room", joinColumns = @JoinColumn(name = "reception_day_id"))
	@OrderColumn(name = "position")
	private List<ReceptionRoom> rooms = new ArrayList<>();

	@Version
	private long version;

	protected ReceptionDay() {
	}

	ReceptionDay(String leaderName, String county, String venue, Instant startsAt, Instant endsAt, List<String> channels,
			String departments, String lawyers, List<ReceptionRoom> rooms, String plannedBy) {
		this.leaderName = leaderName;
		this.county = county;
		this.venue = venue;
		this.startsAt = startsAt;
		this.endsAt = endsAt;
		this.channels = String.join(",", channels);
		this.departments = departments;
		this.lawyers = lawyers;
		this.rooms = new ArrayList<>(rooms);
		this.plannedBy = plannedBy;
		this.plannedAt = BusinessClock.now();
		this.status = ReceptionDayStatus.PLANNED;
	}

	void startedAs(String processInstanceId) {
		this.processInstanceId = processInstanceId;
	}

	void announced() {
		if (this.status == ReceptionDayStatus.PLANNED) {
			this.status = ReceptionDayStatus.ANNOUNCED;
		}
	}

	void investigated(String notes, int knownCases) {
		this.investigationNotes = notes;
		this.knownCases = knownCases;
	}

	void postpone(Instant startsAt, Instant endsAt) {
		this.startsAt = startsAt;
		this.endsAt = endsAt;
		this.postponements++;
	}

	void cancel() {
		this.status = ReceptionDayStatus.CANCELLED;
	}

	void open() {
		this.status = ReceptionDayStatus.IN_PROGRESS;
	}

	void followUp() {
		this.status = ReceptionDayStatus.FOLLOW_UP;
	}

	void accountedFor() {
		this.status = ReceptionDayStatus.ACCOUNTED_FOR;
	}

	/** The room that receives a category on this day, if one was planned for it. */
	public Optional<ReceptionRoom> roomFor(String category) {
		return this.rooms.stream().filter((room) -> room.serves(category)).findFirst();
	}

	public boolean isOpenForRegistration() {
		return this.status == ReceptionDayStatus.ANNOUNCED || this.status == ReceptionDayStatus.IN_PROGRESS;
	}

	public String name() {
		return "RD-" + this.id + " " + this.county + " " + BusinessClock.date(this.startsAt) + "（" + this.leaderName + "）";
	}

	public Long getId() {
		return this.id;
	}

	public String getLeaderName() {
		return this.leaderName;
	}

	public String getCounty() {
		return this.county;
	}

	public String getVenue() {
		return this.venue;
	}

	public Instant getStartsAt() {
		return this.startsAt;
	}

	public Instant getEndsAt() {
		return this.endsAt;
	}

	public List<String> getChannels() {
		return Arrays.asList(this.channels.split(","));
	}

	public String getDepartments() {
		return this.departments;
	}

	public ReceptionDayStatus getStatus() {
		return this.status;
	}

	public int getPostponements() {
		return this.postponements;
	}

	public String getInvestigationNotes() {
		return this.investigationNotes;
	}

	public Integer getKnownCases() {
		return this.knownCases;
	}

	public String getProcessInstanceId() {
		return this.processInstanceId;
	}

	public String getPlannedBy() {
		return this.plannedBy;
	}

	public List<ReceptionRoom> getRooms() {
		return List.copyOf(this.rooms);
	}

}
