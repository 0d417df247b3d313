using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmergencyReviewBothDistricts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "ResidentId",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ResidentDistrictId",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResidentReviewNote",
                table: "EmergencyAccesses",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResidentReviewedAt",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResidentReviewedById",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyAccesses_ResidentDistrictId_ResidentReviewedAt",
                table: "EmergencyAccesses",
                columns: new[] { "ResidentDistrictId", "ResidentReviewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EmergencyAccesses_ResidentDistrictId_ResidentReviewedAt",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentDistrictId",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentReviewNote",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentReviewedAt",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentReviewedById",
                table: "EmergencyAccesses");

            migrationBuilder.AlterColumn<Guid>(
                name: "ResidentId",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
