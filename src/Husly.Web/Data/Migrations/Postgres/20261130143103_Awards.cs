using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Awards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AwardedTotal",
                table: "Calls",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ContinuesProjectId",
                table: "Applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InformationDueAt",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundingDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: true),
                    Conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    InformationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundingDecisions_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FundingDecisions_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "ReportsDue",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportsDue", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportsDue_FundingDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "FundingDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ContinuesProjectId",
                table: "Applications",
                column: "ContinuesProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingDecisions_ApplicationId_DecidedAt",
                table: "FundingDecisions",
                columns: new[] { "ApplicationId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FundingDecisions_ProjectId",
                table: "FundingDecisions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportsDue_DecisionId",
                table: "ReportsDue",
                column: "DecisionId");

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_Projects_ContinuesProjectId",
                table: "Applications",
                column: "ContinuesProjectId",
                principalTable: "Projects",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Applications_Projects_ContinuesProjectId",
                table: "Applications");

            migrationBuilder.DropTable(
                name: "ReportsDue");

            migrationBuilder.DropTable(
                name: "FundingDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Applications_ContinuesProjectId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "AwardedTotal",
                table: "Calls");

            migrationBuilder.DropColumn(
                name: "ContinuesProjectId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "InformationDueAt",
                table: "Applications");
        }
    }
}
