using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Concerns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ConcernId",
                table: "AccessLog",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Concerns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiptHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PersonName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Postcode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    PersonDescription = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WhatSeen = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Relation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RelationOther = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReporterPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReporterEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReporterOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concerns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Concerns_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_Organisations_ReporterOrganisationId",
                        column: x => x.ReporterOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PostcodeDistricts",
                columns: table => new
                {
                    Postcode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostcodeDistricts", x => x.Postcode);
                    table.ForeignKey(
                        name: "FK_PostcodeDistricts_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConcernAdditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConcernId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernAdditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernAdditions_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_ConcernId_At",
                table: "AccessLog",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernAdditions_ConcernId_At",
                table: "ConcernAdditions",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_DistrictId_Status_ReportedAt",
                table: "Concerns",
                columns: new[] { "DistrictId", "Status", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ReceiptHash",
                table: "Concerns",
                column: "ReceiptHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ReporterOrganisationId",
                table: "Concerns",
                column: "ReporterOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_SubmissionId",
                table: "Concerns",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostcodeDistricts_DistrictId",
                table: "PostcodeDistricts",
                column: "DistrictId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernAdditions");

            migrationBuilder.DropTable(
                name: "PostcodeDistricts");

            migrationBuilder.DropTable(
                name: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_AccessLog_ConcernId_At",
                table: "AccessLog");

            migrationBuilder.DropColumn(
                name: "ConcernId",
                table: "AccessLog");
        }
    }
}
