using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessLogReasonErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonErasure",
                table: "AccessLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReasonErasure",
                table: "AccessLog");
        }
    }
}
