using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdentityNumbersAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdentityNumber",
                table: "Residents");

            migrationBuilder.AddColumn<string>(
                name: "IdentityNumberCipher",
                table: "Residents",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentityNumberHash",
                table: "Residents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdentityNumberHash",
                table: "Residents",
                column: "IdentityNumberHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Residents_IdentityNumberHash",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdentityNumberCipher",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdentityNumberHash",
                table: "Residents");

            migrationBuilder.AddColumn<string>(
                name: "IdentityNumber",
                table: "Residents",
                type: "character varying(11)",
                maxLength: 11,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents",
                column: "IdentityNumber");
        }
    }
}
