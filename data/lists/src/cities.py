from mk import write
write("cities.tsv", """
Cities and regions: capitals and large cities of the world and India, with Hindi spellings and
historic names used in news.
Source: written by the khabar team from general knowledge, 2022-2026; public facts.
""", """
;place;city;Almaty;अल्माटी;Alma-Ata|Almaty City;अलमाटी|अल्मा-अता|अलमाती|अल्मा अता|आल्माटी;Kazakhstan;Largest city of Kazakhstan, capital until 1997
;place;city;Astana;अस्ताना;Nur-Sultan|Akmola|Tselinograd|Akmolinsk|Nursultan;नूर सुल्तान|नूर-सुल्तान|नूरसुल्तान|अकमोला;Kazakhstan;Capital of Kazakhstan (named Nur-Sultan 2019-2022)
;place;city;Shymkent;शिमकेंट;Chimkent;शिमकेन्त;Kazakhstan;
;place;city;Aktau;अक्ताउ;Aqtau|Shevchenko;अकटाउ|अक्ताऊ;Kazakhstan;
;place;city;Zhanaozen;झानाओज़ेन;Janaozen|Zhanaozen;जानाओजेन|झानाओजेन|ज़ानाओज़ेन;Kazakhstan;
;place;city;Aktobe;अक्तोबे;Aqtobe;अकतोबे;Kazakhstan;
;place;city;Karaganda;करागांडा;Karagandy|Qaraghandy;कारागांडा;Kazakhstan;
;place;city;Taraz;तराज;;ताराज़;Kazakhstan;
;place;city;Moscow;मॉस्को;Moskva;मास्को|मोस्को|मॉस्को;Russia;Capital of Russia
;place;city;Saint Petersburg;सेंट पीटर्सबर्ग;St. Petersburg|Leningrad|Petrograd;सेंट पीटर्सबर्ग|लेनिनग्राद;Russia;
;place;city;Minsk;मिन्स्क;;मिंस्क;Belarus;Capital of Belarus
;place;city;Kyiv;कीव;Kiev;कीएव|क्यीव|कीयेव;Ukraine;Capital of Ukraine
;place;city;Kharkiv;खारकीव;Kharkov;खार्किव|खारकोव;Ukraine;
;place;city;Odesa;ओडेसा;Odessa;ओडेसा|ओदेसा;Ukraine;
;place;city;Mariupol;मारियुपोल;;मारियूपोल;Ukraine;
;place;city;Donetsk;दोनेत्स्क;;डोनेट्स्क;Ukraine;
;place;city;Luhansk;लुहांस्क;Lugansk;लुहान्स्क;Ukraine;
;place;city;Bishkek;बिश्केक;Frunze;बिशकेक;Kyrgyzstan;Capital of Kyrgyzstan
;place;city;Dushanbe;दुशांबे;;दुशान्बे;Tajikistan;Capital of Tajikistan
;place;city;Tashkent;ताशकंद;Toshkent;ताशकन्द;Uzbekistan;Capital of Uzbekistan
;place;city;Samarkand;समरकंद;Samarqand;समरकन्द;Uzbekistan;
;place;city;Ashgabat;अश्गाबात;Ashkhabad;अशगाबात;Turkmenistan;Capital of Turkmenistan
;place;city;Yerevan;येरेवान;;येरेवन;Armenia;Capital of Armenia
;place;city;Baku;बाकू;;;Azerbaijan;Capital of Azerbaijan
;place;city;Tbilisi;त्बिलिसी;Tiflis;तिबलिसी|तबलिसी;Georgia;Capital of Georgia
;place;city;Chisinau;चिशिनाउ;Chișinău|Kishinev;किशिनेव;Moldova;Capital of Moldova
;place;city;Beijing;बीजिंग;Peking;पेइचिंग|पेकिंग;China;Capital of China
;place;city;Shanghai;शंघाई;;;China;
;place;city;Wuhan;वुहान;;वूहान;China;
;place;city;Hong Kong;हांगकांग;;हॉन्ग कॉन्ग|हाँगकाँग;China;
;place;city;Washington, D.C.;वाशिंगटन;Washington|Washington DC;वॉशिंगटन|वाशिंगटन डीसी;United States;Capital of the United States
;place;city;New York City;न्यूयॉर्क;New York|NYC;न्यूयार्क|न्यू यॉर्क;United States;
;place;city;London;लंदन;;लन्दन;United Kingdom;Capital of the United Kingdom
;place;city;Paris;पेरिस;;;France;Capital of France
;place;city;Berlin;बर्लिन;;;Germany;Capital of Germany
;place;city;Brussels;ब्रसेल्स;;ब्रुसेल्स;Belgium;Capital of Belgium, seat of EU institutions
;place;city;Geneva;जिनेवा;Genève;जेनेवा;Switzerland;
;place;city;Davos;दावोस;;;Switzerland;
;place;city;Rome;रोम;;;Italy;Capital of Italy
;place;city;Madrid;मैड्रिड;;मेड्रिड;Spain;Capital of Spain
;place;city;Warsaw;वारसॉ;Warszawa;वारसा;Poland;Capital of Poland
;place;city;Ankara;अंकारा;;;Türkiye;Capital of Türkiye
;place;city;Istanbul;इस्तांबुल;Constantinople;इस्तानबुल|कुस्तुनतुनिया;Türkiye;
;place;city;Tehran;तेहरान;Teheran;;Iran;Capital of Iran
;place;city;Baghdad;बगदाद;;;Iraq;Capital of Iraq
;place;city;Damascus;दमिश्क;;दमास्कस;Syria;Capital of Syria
;place;city;Beirut;बेरूत;;;Lebanon;Capital of Lebanon
;place;city;Jerusalem;यरुशलम;;येरुशलम|जेरूसलम|यरूशलम;Israel;
;place;city;Tel Aviv;तेल अवीव;;तेल अबीब;Israel;
;place;region;Gaza Strip;गाजा पट्टी;Gaza;गाजा|गाज़ा|गाज़ा पट्टी;Palestinian Territories;
;place;region;West Bank;वेस्ट बैंक;;पश्चिमी तट;Palestinian Territories;
;place;city;Riyadh;रियाद;;रियाध;Saudi Arabia;Capital of Saudi Arabia
;place;city;Dubai;दुबई;;;United Arab Emirates;
;place;city;Abu Dhabi;अबू धाबी;;अबूधाबी;United Arab Emirates;Capital of the United Arab Emirates
;place;city;Doha;दोहा;;;Qatar;Capital of Qatar
;place;city;Cairo;काहिरा;;कैरो;Egypt;Capital of Egypt
;place;city;Kabul;काबुल;;;Afghanistan;Capital of Afghanistan
;place;city;Kandahar;कंधार;;कांधार;Afghanistan;
;place;city;Islamabad;इस्लामाबाद;;;Pakistan;Capital of Pakistan
;place;city;Karachi;कराची;;;Pakistan;
;place;city;Lahore;लाहौर;;;Pakistan;
;place;city;Rawalpindi;रावलपिंडी;;;Pakistan;
;place;city;Dhaka;ढाका;Dacca;;Bangladesh;Capital of Bangladesh
;place;city;Kathmandu;काठमांडू;;काठमाडौं|काठमाण्डू;Nepal;Capital of Nepal
;place;city;Colombo;कोलंबो;;कोलम्बो;Sri Lanka;Capital of Sri Lanka
;place;city;Thimphu;थिम्पू;;;Bhutan;Capital of Bhutan
;place;city;Male;माले;Malé;;Maldives;Capital of the Maldives
;place;city;Naypyidaw;नेपीडॉ;Nay Pyi Taw;ने पी डॉ;Myanmar (Burma);Capital of Myanmar
;place;city;Yangon;यांगून;Rangoon;रंगून;Myanmar (Burma);
;place;city;Tokyo;टोक्यो;;तोक्यो;Japan;Capital of Japan
;place;city;Seoul;सियोल;;सोल;South Korea;Capital of South Korea
;place;city;Pyongyang;प्योंगयांग;;प्योंग्यांग;North Korea;Capital of North Korea
;place;city;Taipei;ताइपे;;ताइपेई;Taiwan;Capital of Taiwan
;place;city;Canberra;कैनबरा;;;Australia;Capital of Australia
;place;city;Sydney;सिडनी;;;Australia;
;place;city;Ottawa;ओटावा;;;Canada;Capital of Canada
;place;city;Toronto;टोरंटो;;टोरोंटो;Canada;
;place;city;Brasília;ब्रासीलिया;Brasilia;;Brazil;Capital of Brazil
;place;city;Buenos Aires;ब्यूनस आयर्स;;ब्यूनस आयरस;Argentina;Capital of Argentina
;place;city;Mexico City;मेक्सिको सिटी;;मैक्सिको सिटी;Mexico;Capital of Mexico
;place;city;Caracas;काराकास;;;Venezuela;Capital of Venezuela
;place;city;Havana;हवाना;;;Cuba;Capital of Cuba
;place;city;Pretoria;प्रिटोरिया;;;South Africa;
;place;city;Johannesburg;जोहान्सबर्ग;;जोहानसबर्ग;South Africa;
;place;city;Nairobi;नैरोबी;;;Kenya;Capital of Kenya
;place;city;Addis Ababa;अदीस अबाबा;;अदिस अबाबा;Ethiopia;Capital of Ethiopia
;place;city;Abuja;अबुजा;;;Nigeria;Capital of Nigeria
;place;city;Jakarta;जकार्ता;;;Indonesia;Capital of Indonesia
;place;city;Kuala Lumpur;कुआलालंपुर;;कुआला लंपुर;Malaysia;Capital of Malaysia
;place;city;Bangkok;बैंकॉक;;बैंकाक;Thailand;Capital of Thailand
;place;city;Hanoi;हनोई;;;Vietnam;Capital of Vietnam
;place;city;Manila;मनीला;;मनिला;Philippines;Capital of the Philippines
;place;city;New Delhi;नई दिल्ली;;नयी दिल्ली;India;Capital of India;Delhi
;place;city;Delhi;दिल्ली;;;India;;Delhi
;place;city;Mumbai;मुंबई;Bombay;बंबई|मुम्बई;India;Capital of Maharashtra;Maharashtra
;place;city;Kolkata;कोलकाता;Calcutta;कलकत्ता;India;Capital of West Bengal;West Bengal
;place;city;Chennai;चेन्नई;Madras;मद्रास;India;Capital of Tamil Nadu;Tamil Nadu
;place;city;Bengaluru;बेंगलुरु;Bangalore;बेंगलूरु|बंगलौर|बैंगलोर;India;Capital of Karnataka;Karnataka
;place;city;Hyderabad;हैदराबाद;;;India;Capital of Telangana;Telangana
;place;city;Ahmedabad;अहमदाबाद;;;India;;Gujarat
;place;city;Pune;पुणे;Poona;पूना;India;;Maharashtra
;place;city;Lucknow;लखनऊ;;;India;Capital of Uttar Pradesh;Uttar Pradesh
;place;city;Patna;पटना;;;India;Capital of Bihar;Bihar
;place;city;Jaipur;जयपुर;;;India;Capital of Rajasthan;Rajasthan
;place;city;Bhopal;भोपाल;;;India;Capital of Madhya Pradesh;Madhya Pradesh
;place;city;Chandigarh;चंडीगढ़;;चण्डीगढ़;India;Capital of Punjab and Haryana;Chandigarh
;place;city;Srinagar;श्रीनगर;;;India;;Jammu and Kashmir
;place;city;Varanasi;वाराणसी;Benares|Banaras|Kashi;बनारस|काशी;India;;Uttar Pradesh
;place;city;Prayagraj;प्रयागराज;Allahabad;इलाहाबाद;India;;Uttar Pradesh
;place;city;Ayodhya;अयोध्या;;;India;;Uttar Pradesh
;place;city;Gurugram;गुरुग्राम;Gurgaon;गुड़गांव|गुडगांव;India;;Haryana
;place;city;Noida;नोएडा;;;India;;Uttar Pradesh
;place;city;Thiruvananthapuram;तिरुवनंतपुरम;Trivandrum;त्रिवेंद्रम;India;Capital of Kerala;Kerala
;place;city;Guwahati;गुवाहाटी;Gauhati;;India;;Assam
;place;city;Bhubaneswar;भुवनेश्वर;;;India;Capital of Odisha;Odisha
;place;city;Ranchi;रांची;;;India;Capital of Jharkhand;Jharkhand
;place;city;Raipur;रायपुर;;;India;Capital of Chhattisgarh;Chhattisgarh
;place;city;Dehradun;देहरादून;;;India;Capital of Uttarakhand;Uttarakhand
;place;city;Shimla;शिमला;Simla;;India;Capital of Himachal Pradesh;Himachal Pradesh
;place;region;Kashmir;कश्मीर;Kashmir Valley;कश्मीर घाटी;India;
;place;state;Jammu and Kashmir;जम्मू-कश्मीर;Jammu Kashmir|J&K;जम्मू और कश्मीर|जम्मू कश्मीर|जम्मू व कश्मीर;India;
;place;region;Crimea;क्रीमिया;;क्रीमिया प्रायद्वीप;Ukraine;
;place;region;Donbas;डोनबास;Donbass;दोनबास;Ukraine;
;place;region;Xinjiang;शिनजियांग;;झिंजियांग;China;
;place;region;Tibet;तिब्बत;;;China;
;place;region;Balochistan;बलूचिस्तान;Baluchistan;;Pakistan;
;place;region;Khyber Pakhtunkhwa;खैबर पख्तूनख्वा;;ख़ैबर पख़्तूनख़्वा;Pakistan;
;place;region;Pakistan-administered Kashmir;पाक अधिकृत कश्मीर;PoK|Pakistan-occupied Kashmir;पीओके|पाकिस्तान अधिकृत कश्मीर;Pakistan;
;place;region;Mangystau Region;मैंगिस्टाऊ;Mangystau|Mangistau|Mangghystau;मंगिस्तौ|मांगिस्टाउ|मैंगिस्टाउ|मंगिस्ताउ;Kazakhstan;
;place;region;Middle East;मध्य पूर्व;;पश्चिम एशिया|मध्य-पूर्व;;
;place;region;Central Asia;मध्य एशिया;;;;
;place;region;South Asia;दक्षिण एशिया;;;;
;place;region;Indo-Pacific;हिंद-प्रशांत;;हिंद प्रशांत|इंडो-पैसिफिक;;
;place;region;Soviet Union;सोवियत संघ;USSR|U.S.S.R.;यूएसएसआर|सोवियत यूनियन;;
""")
