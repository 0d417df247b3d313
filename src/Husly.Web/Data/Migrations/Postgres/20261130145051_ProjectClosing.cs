using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProjectClosing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProjectClosings",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    TakenOverById = table.Column<Guid>(type: "uuid", nullable: true),
                    OperationFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WhatWorked = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WhatDidNotWork = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DoDifferently = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectClosings", x => x.ProjectId);
                    table.ForeignKey(
                        name: "FK_ProjectClosings_Organisations_TakenOverById",
                        column: x => x.TakenOverById,
                        principalTable: "Organisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ProjectClosings_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectClosings_TakenOverById",
                table: "ProjectClosings",
                column: "TakenOverById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProjectClosings");
        }
    }
}
