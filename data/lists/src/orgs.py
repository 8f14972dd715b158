from mk import write
write("organisations.tsv", """
International organisations and alliances, with Hindi full names and acronyms (Latin and Devanagari).
Source: written by the khabar team from general knowledge, as of 2022-2026; public facts.
""", """
;organisation;international;United Nations;संयुक्त राष्ट्र;UN|U.N.|UNO|United Nations Organization;यूएन|संयुक्त राष्ट्र संघ|यूएनओ|संरा;;
;organisation;international;United Nations Security Council;संयुक्त राष्ट्र सुरक्षा परिषद;UNSC|UN Security Council|Security Council;यूएनएससी|सुरक्षा परिषद|यूएन सुरक्षा परिषद;;
;organisation;international;United Nations General Assembly;संयुक्त राष्ट्र महासभा;UNGA|UN General Assembly;यूएनजीए|यूएन महासभा;;
;organisation;international;United Nations Human Rights Council;संयुक्त राष्ट्र मानवाधिकार परिषद;UNHRC|Human Rights Council;यूएनएचआरसी|मानवाधिकार परिषद;;
;organisation;international;UNICEF;यूनिसेफ;United Nations Children's Fund;संयुक्त राष्ट्र बाल कोष;;
;organisation;international;UNESCO;यूनेस्को;United Nations Educational, Scientific and Cultural Organization;युनेस्को|संयुक्त राष्ट्र शैक्षिक, वैज्ञानिक एवं सांस्कृतिक संगठन;;
;organisation;international;UNHCR;यूएनएचसीआर;UN Refugee Agency|United Nations High Commissioner for Refugees;संयुक्त राष्ट्र शरणार्थी एजेंसी;;
;organisation;international;World Food Programme;विश्व खाद्य कार्यक्रम;WFP;डब्ल्यूएफपी;;
;organisation;international;International Court of Justice;अंतरराष्ट्रीय न्यायालय;ICJ|World Court;आईसीजे|अंतरराष्ट्रीय न्याय न्यायालय|अंतर्राष्ट्रीय न्यायालय;;
;organisation;international;International Criminal Court;अंतरराष्ट्रीय आपराधिक न्यायालय;ICC;आईसीसी|अंतर्राष्ट्रीय आपराधिक न्यायालय;;
;organisation;international;World Health Organization;विश्व स्वास्थ्य संगठन;WHO|World Health Organisation;डब्ल्यूएचओ|डब्लूएचओ;;
;organisation;international;International Monetary Fund;अंतरराष्ट्रीय मुद्रा कोष;IMF;आईएमएफ|अंतर्राष्ट्रीय मुद्रा कोष|अंतरराष्ट्रीय मुद्राकोष;;
;organisation;international;World Bank;विश्व बैंक;;वर्ल्ड बैंक;;
;organisation;international;Asian Development Bank;एशियाई विकास बैंक;ADB;एडीबी;;
;organisation;international;New Development Bank;न्यू डेवलपमेंट बैंक;NDB|BRICS Bank;एनडीबी|ब्रिक्स बैंक;;
;organisation;international;World Trade Organization;विश्व व्यापार संगठन;WTO;डब्ल्यूटीओ|डब्लूटीओ;;
;organisation;international;International Atomic Energy Agency;अंतरराष्ट्रीय परमाणु ऊर्जा एजेंसी;IAEA;आईएईए|अंतर्राष्ट्रीय परमाणु ऊर्जा एजेंसी;;
;organisation;international;International Labour Organization;अंतरराष्ट्रीय श्रम संगठन;ILO;आईएलओ;;
;organisation;international;Food and Agriculture Organization;खाद्य और कृषि संगठन;FAO;एफएओ|खाद्य एवं कृषि संगठन;;
;organisation;international;Interpol;इंटरपोल;International Criminal Police Organization;अंतरराष्ट्रीय आपराधिक पुलिस संगठन;;
;organisation;international;Financial Action Task Force;फाइनेंशियल एक्शन टास्क फोर्स;FATF;एफएटीएफ;;
;organisation;alliance;North Atlantic Treaty Organization;उत्तर अटलांटिक संधि संगठन;NATO;नाटो|नॉटो;;
;organisation;alliance;Collective Security Treaty Organization;सामूहिक सुरक्षा संधि संगठन;CSTO|Collective Security Treaty Organisation;सीएसटीओ|सामूहिक सुरक्षा संगठन;;
;organisation;international;European Union;यूरोपीय संघ;EU|E.U.;ईयू|यूरोपियन यूनियन|यूरोपीय यूनियन;;
;organisation;international;European Commission;यूरोपीय आयोग;EC;यूरोपियन कमीशन;;
;organisation;international;European Parliament;यूरोपीय संसद;;यूरोपियन पार्लियामेंट;;
;organisation;international;Shanghai Cooperation Organisation;शंघाई सहयोग संगठन;SCO|Shanghai Cooperation Organization;एससीओ;;
;organisation;international;BRICS;ब्रिक्स;;;;
;organisation;international;Association of Southeast Asian Nations;दक्षिण-पूर्व एशियाई राष्ट्र संघ;ASEAN;आसियान|दक्षिण पूर्व एशियाई देशों का संगठन;;
;organisation;international;South Asian Association for Regional Cooperation;दक्षिण एशियाई क्षेत्रीय सहयोग संगठन;SAARC;सार्क|दक्षेस;;
;organisation;international;BIMSTEC;बिम्सटेक;Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation;;;
;organisation;international;Group of Seven;जी7;G7|G-7;जी-7|जी 7|जी-सात|जी सात;;
;organisation;international;Group of Twenty;जी20;G20|G-20;जी-20|जी 20|जी-बीस;;
;organisation;international;Quad;क्वाड;Quadrilateral Security Dialogue;क्वॉड|चतुर्भुज सुरक्षा संवाद;;
;organisation;international;Organization of the Petroleum Exporting Countries;पेट्रोलियम निर्यातक देशों का संगठन;OPEC;ओपेक;;
;organisation;international;OPEC+;ओपेक+;OPEC Plus;ओपेक प्लस;;
;organisation;international;African Union;अफ्रीकी संघ;AU;अफ़्रीकी संघ|अफ्रीकन यूनियन;;
;organisation;international;Arab League;अरब लीग;League of Arab States;अरब राज्य संघ;;
;organisation;international;Organisation of Islamic Cooperation;इस्लामिक सहयोग संगठन;OIC|Organization of Islamic Cooperation;ओआईसी|इस्लामी सहयोग संगठन;;
;organisation;international;Gulf Cooperation Council;खाड़ी सहयोग परिषद;GCC;जीसीसी;;
;organisation;international;Commonwealth of Independent States;स्वतंत्र राष्ट्रों का राष्ट्रमंडल;CIS;सीआईएस;;
;organisation;international;Eurasian Economic Union;यूरेशियन आर्थिक संघ;EAEU|EEU;यूरेशियाई आर्थिक संघ;;
;organisation;international;Commonwealth of Nations;राष्ट्रमंडल;Commonwealth;कॉमनवेल्थ;;
;organisation;international;Organization for Security and Co-operation in Europe;यूरोप में सुरक्षा और सहयोग संगठन;OSCE;ओएससीई;;
;organisation;international;Organisation for Economic Co-operation and Development;आर्थिक सहयोग और विकास संगठन;OECD;ओईसीडी;;
;organisation;international;World Economic Forum;विश्व आर्थिक मंच;WEF|Davos forum;डब्ल्यूईएफ;;
;organisation;international;International Olympic Committee;अंतरराष्ट्रीय ओलंपिक समिति;IOC;आईओसी;;
;organisation;international;FIFA;फीफा;;फ़ीफ़ा;;
;organisation;international;International Cricket Council;अंतरराष्ट्रीय क्रिकेट परिषद;ICC cricket;आईसीसी क्रिकेट;;
;organisation;international;Red Cross;रेड क्रॉस;International Committee of the Red Cross|ICRC;रेड क्रास|अंतरराष्ट्रीय रेड क्रॉस समिति;;
;organisation;international;Amnesty International;एमनेस्टी इंटरनेशनल;Amnesty;एमनेस्टी;;
;organisation;international;Human Rights Watch;ह्यूमन राइट्स वॉच;HRW;;;
;organisation;international;International Energy Agency;अंतरराष्ट्रीय ऊर्जा एजेंसी;IEA;आईईए;;
;organisation;international;International Solar Alliance;अंतरराष्ट्रीय सौर गठबंधन;ISA;;;
;organisation;militant;Taliban;तालिबान;;;Afghanistan;
;organisation;militant;Hamas;हमास;;;Palestinian Territories;
;organisation;militant;Hezbollah;हिजबुल्लाह;Hizbollah;हिज़्बुल्लाह|हिजबुल्ला;Lebanon;
;organisation;militant;Houthis;हूती;Ansar Allah|Houthi;हूती विद्रोही|हौथी;Yemen;
;organisation;militant;Islamic State;इस्लामिक स्टेट;ISIS|ISIL|Daesh;आईएसआईएस|आईएस|दाएश|इस्लामिक स्टेट ऑफ इराक एंड सीरिया;;
;organisation;militant;al-Qaeda;अल-कायदा;Al Qaeda|al-Qaida;अलकायदा|अल कायदा|अल-क़ायदा;;
;organisation;militant;Lashkar-e-Taiba;लश्कर-ए-तैयबा;LeT|Lashkar-e-Toiba;लश्कर|लश्कर ए तैयबा;Pakistan;
;organisation;militant;Jaish-e-Mohammed;जैश-ए-मोहम्मद;JeM|Jaish-e-Muhammad;जैश|जैश ए मोहम्मद;Pakistan;
;organisation;militant;Hizbul Mujahideen;हिजबुल मुजाहिदीन;;हिज़बुल मुजाहिदीन;Pakistan;
;organisation;militant;Tehrik-i-Taliban Pakistan;तहरीक-ए-तालिबान पाकिस्तान;TTP|Pakistani Taliban;टीटीपी;Pakistan;
;organisation;militant;Wagner Group;वैगनर ग्रुप;Wagner|PMC Wagner;वैगनर|वागनर;Russia;
""")
write("news_agencies.tsv", """
News agencies and major outlets (Indian and world), with the spellings Hindi news uses in credits.
Source: written by the khabar team from general knowledge, 2022-2026; public facts.
""", """
;organisation;news_agency;Press Trust of India;प्रेस ट्रस्ट ऑफ इंडिया;PTI;पीटीआई|पीटीआइ|प्रेट्र;India;
;organisation;news_agency;Asian News International;एशियन न्यूज इंटरनेशनल;ANI;एएनआई|एएनआइ|एशियन न्यूज़ इंटरनेशनल;India;
;organisation;news_agency;Indo-Asian News Service;इंडो-एशियन न्यूज सर्विस;IANS;आईएएनएस|आइएएनएस;India;
;organisation;news_agency;United News of India;यूनाइटेड न्यूज ऑफ इंडिया;UNI;यूएनआई|यूएनआइ|यूनीवार्ता;India;
;organisation;news_agency;Reuters;रायटर;Thomson Reuters;रॉयटर्स|रायटर्स|रॉयटर|रायटर्स न्यूज एजेंसी;United Kingdom;
;organisation;news_agency;Associated Press;एसोसिएटेड प्रेस;AP;एपी;United States;
;organisation;news_agency;Agence France-Presse;एजेंस फ्रांस-प्रेस;AFP;एएफपी|एजेंसी फ्रांस प्रेस;France;
;organisation;news_agency;Xinhua;शिन्हुआ;Xinhua News Agency;सिन्हुआ|शिन्हुआ समाचार एजेंसी;China;
;organisation;news_agency;TASS;तास;Russian News Agency TASS|ITAR-TASS;टास|तास समाचार एजेंसी;Russia;
;organisation;news_agency;RIA Novosti;रिया नोवोस्ती;RIA;आरआईए नोवोस्ती;Russia;
;organisation;news_agency;Interfax;इंटरफैक्स;;इंटरफ़ैक्स;Russia;
;organisation;news_agency;Bloomberg;ब्लूमबर्ग;Bloomberg News;;United States;
;organisation;news_agency;Deutsche Presse-Agentur;डॉयचे प्रेस एजेंटुर;dpa|DPA;डीपीए;Germany;
;organisation;news_agency;Kyodo News;क्योडो;Kyodo;क्योडो न्यूज;Japan;
;organisation;news_agency;Yonhap;योनहाप;Yonhap News Agency;योनहैप;South Korea;
;organisation;news_agency;Anadolu Agency;अनादोलु एजेंसी;Anadolu;अनादोलु;Türkiye;
;organisation;news_agency;Kazinform;काज़िनफॉर्म;;काजइनफॉर्म;Kazakhstan;
;organisation;news_agency;Associated Press of Pakistan;एसोसिएटेड प्रेस ऑफ पाकिस्तान;APP;;Pakistan;
;organisation;media;BBC;बीबीसी;British Broadcasting Corporation;ब्रिटिश ब्रॉडकास्टिंग कॉरपोरेशन;United Kingdom;
;organisation;media;CNN;सीएनएन;Cable News Network;;United States;
;organisation;media;Al Jazeera;अल जजीरा;Aljazeera;अल जज़ीरा|अल-जजीरा;Qatar;
;organisation;media;The New York Times;न्यूयॉर्क टाइम्स;New York Times|NYT;द न्यूयॉर्क टाइम्स;United States;
;organisation;media;The Washington Post;वाशिंगटन पोस्ट;Washington Post;द वाशिंगटन पोस्ट|वॉशिंगटन पोस्ट;United States;
;organisation;media;The Wall Street Journal;वॉल स्ट्रीट जर्नल;Wall Street Journal|WSJ;वाल स्ट्रीट जर्नल;United States;
;organisation;media;The Guardian;द गार्जियन;Guardian;गार्जियन;United Kingdom;
;organisation;media;Financial Times;फाइनेंशियल टाइम्स;FT;;United Kingdom;
;organisation;media;RT;आरटी;Russia Today;रशिया टुडे;Russia;
;organisation;media;Doordarshan;दूरदर्शन;DD News;डीडी न्यूज;India;
;organisation;media;All India Radio;आकाशवाणी;Akashvani;ऑल इंडिया रेडियो;India;
;organisation;media;Dainik Jagran;दैनिक जागरण;Jagran;;India;
;organisation;media;Amar Ujala;अमर उजाला;;;India;
;organisation;media;Dainik Bhaskar;दैनिक भास्कर;Bhaskar;;India;
;organisation;media;Hindustan (newspaper);दैनिक हिन्दुस्तान;Dainik Hindustan|Live Hindustan;लाइव हिन्दुस्तान|हिंदुस्तान अखबार;India;
;organisation;media;Navbharat Times;नवभारत टाइम्स;NBT;एनबीटी;India;
;organisation;media;The Times of India;टाइम्स ऑफ इंडिया;Times of India|TOI;;India;
;organisation;media;The Hindu;द हिंदू;;;India;
;organisation;media;Hindustan Times;हिंदुस्तान टाइम्स;HT;;India;
;organisation;media;The Indian Express;इंडियन एक्सप्रेस;Indian Express;;India;
;organisation;media;NDTV;एनडीटीवी;;;India;
;organisation;media;Aaj Tak;आज तक;;आजतक;India;
""")
