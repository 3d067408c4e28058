"""Cases made the way citizens and deputies make them: over the HTTP API."""


class CaseMaker:
    def __init__(self, api, seeded):
        deputy = seeded["deputies"][0]
        self.entry_code = deputy["entry_code"]
        self.citizen = api.as_citizen("browser-citizen")
        self.deputy = api.as_citizen("browser-deputy")
        bound = self.deputy.ok("POST", "/api/v1/deputy/bind",
                               json={"bind_code": deputy["bind_code"]})
        self.deputy.token = bound["token"]
        self.count = 0

    def submit(self, content: str, category: str = "city_construction") -> str:
        self.count += 1
        case = self.citizen.ok("POST", "/api/v1/cases", 201,
                               headers={"Idempotency-Key": f"browser-{self.count}"},
                               json={"entry_code": self.entry_code, "category": category,
                                     "type": "request", "content": content,
                                     "contact_phone": "13812345678", "public": True})
        return case["case"]["id"]

    def forward(self, case_id: str) -> None:
        self.deputy.ok("POST", f"/api/v1/cases/{case_id}/accept")
        self.deputy.ok("POST", f"/api/v1/cases/{case_id}/forward",
                       json={"note": "请人大办交办"})

    def rate(self, case_id: str, rating: str = "satisfied") -> dict:
        return self.citizen.ok("POST", f"/api/v1/cases/{case_id}/rating",
                               json={"rating": rating})["case"]
