using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConcernTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssessmentNote",
                table: "Concerns",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "Concerns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimedById",
                table: "Concerns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedByName",
                table: "Concerns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Concerns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "Concerns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "Concerns",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAt",
                table: "Concerns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstContactAt",
                table: "Concerns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Concerns",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Concerns",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeReason",
                table: "Concerns",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferredTo",
                table: "Concerns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResidentId",
                table: "Concerns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Severity",
                table: "Concerns",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConcernEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConcernId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernEvents_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConcernMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConcernId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ExternalPartners = table.Column<bool>(type: "boolean", nullable: false),
                    Basis = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConsentNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Agreed = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernMeetings_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ResidentId",
                table: "Concerns",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_Status_DueAt",
                table: "Concerns",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernEvents_ConcernId_At",
                table: "ConcernEvents",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernMeetings_ConcernId",
                table: "ConcernMeetings",
                column: "ConcernId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernEvents");

            migrationBuilder.DropTable(
                name: "ConcernMeetings");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_ResidentId",
                table: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_Status_DueAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "AssessmentNote",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ClaimedById",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ClaimedByName",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "FirstContactAt",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "OutcomeReason",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ReferredTo",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "ResidentId",
                table: "Concerns");

            migrationBuilder.DropColumn(
                name: "Severity",
                table: "Concerns");
        }
    }
}
