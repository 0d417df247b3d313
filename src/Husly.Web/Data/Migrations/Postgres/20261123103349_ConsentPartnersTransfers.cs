using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConsentPartnersTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PartnerKind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Scope = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpPartners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ContactName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContactDetails = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AddedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpPartners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpPartners_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromEnrolmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromDistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToDistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NewEnrolmentId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transfers_AspNetUsers_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_AspNetUsers_ProposedById",
                        column: x => x.ProposedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_Organisations_FromDistrictId",
                        column: x => x.FromDistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_Organisations_ToDistrictId",
                        column: x => x.ToDistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Consents_ResidentId_Purpose",
                table: "Consents",
                columns: new[] { "ResidentId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpPartners_EnrolmentId",
                table: "FollowUpPartners",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpPartners_OrganisationId",
                table: "FollowUpPartners",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_DecidedById",
                table: "Transfers",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromDistrictId",
                table: "Transfers",
                column: "FromDistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ProposedById",
                table: "Transfers",
                column: "ProposedById");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ResidentId",
                table: "Transfers",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToDistrictId_Status",
                table: "Transfers",
                columns: new[] { "ToDistrictId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Consents");

            migrationBuilder.DropTable(
                name: "FollowUpPartners");

            migrationBuilder.DropTable(
                name: "Transfers");
        }
    }
}
