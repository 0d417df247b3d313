using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConcernRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: true),
                    InTime = table.Column<bool>(type: "boolean", nullable: false),
                    Pending = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OrganisationForm = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    AgeBand = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    HousingAtStart = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    HousingAtEnd = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Settled = table.Column<bool>(type: "boolean", nullable: false),
                    HomeMonths = table.Column<int>(type: "integer", nullable: false),
                    Evictions = table.Column<int>(type: "integer", nullable: false),
                    InstitutionDays = table.Column<int>(type: "integer", nullable: false),
                    PrisonDays = table.Column<int>(type: "integer", nullable: false),
                    TemporaryDays = table.Column<int>(type: "integer", nullable: false),
                    HomelessDays = table.Column<int>(type: "integer", nullable: false),
                    PlannedHours = table.Column<double>(type: "double precision", nullable: false),
                    DeliveredHours = table.Column<double>(type: "double precision", nullable: false),
                    FollowUpDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Records = table.Column<int>(type: "integer", nullable: false),
                    ConcernRecords = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeSubjects",
                columns: table => new
                {
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonKey = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSubjects", x => x.ResidentId);
                });

            migrationBuilder.CreateTable(
                name: "PublishedYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "SavedAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    MunicipalityNumber = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Population = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedAssessments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitCosts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Item = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PriceYear = table.Column<int>(type: "integer", nullable: false),
                    Low = table.Column<int>(type: "integer", nullable: false),
                    Expected = table.Column<int>(type: "integer", nullable: false),
                    High = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsExample = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitCosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernRecords_RunId_Year",
                table: "ConcernRecords",
                columns: new[] { "RunId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRecords_RunId_PersonKey",
                table: "OutcomeRecords",
                columns: new[] { "RunId", "PersonKey" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRecords_RunId_Year_DistrictId",
                table: "OutcomeRecords",
                columns: new[] { "RunId", "Year", "DistrictId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRuns_OneRunning",
                table: "OutcomeRuns",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Running'");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRuns_Status_FinishedAt",
                table: "OutcomeRuns",
                columns: new[] { "Status", "FinishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedAssessments_OrganisationId_Year",
                table: "SavedAssessments",
                columns: new[] { "OrganisationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitCosts_Item_Version",
                table: "UnitCosts",
                columns: new[] { "Item", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernRecords");

            migrationBuilder.DropTable(
                name: "OutcomeRecords");

            migrationBuilder.DropTable(
                name: "OutcomeRuns");

            migrationBuilder.DropTable(
                name: "OutcomeSubjects");

            migrationBuilder.DropTable(
                name: "PublishedYears");

            migrationBuilder.DropTable(
                name: "SavedAssessments");

            migrationBuilder.DropTable(
                name: "UnitCosts");
        }
    }
}
