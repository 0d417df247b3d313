using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TransferVersionAndHoursSubmission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Transfers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionId",
                table: "DeliveredHours",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeliveredHours_SubmissionId",
                table: "DeliveredHours",
                column: "SubmissionId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveredHours_SubmissionId",
                table: "DeliveredHours");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Transfers");

            migrationBuilder.DropColumn(
                name: "SubmissionId",
                table: "DeliveredHours");
        }
    }
}
